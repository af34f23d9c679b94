package io.ratchet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Direction;
import io.ratchet.engine.LadderRow;
import io.ratchet.engine.StopLadder;
import io.ratchet.engine.TrailingConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratchet forecast}: the stop ladder of a planned trade. */
@Command(name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Where the stop sits as the price moves from the entry to a target: for each level,",
            "the stop, the net return locked in if stopped there (fees included), and the",
            "distance from price to stop."},
        footer = {"", "Example:", "  ratchet forecast --entry 100 --direction long --target 120 --mode profit-lock --trail 0.5 --initial-stop 0.03"})
final class ForecastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--entry", required = true, paramLabel = "PRICE", description = "Planned entry price.")
    double entry;

    @Option(names = "--target", required = true, paramLabel = "PRICE", description = "Price the ladder climbs to (above the entry for long, below for short).")
    double target;

    @Option(names = "--direction", paramLabel = "long|short", defaultValue = "long", description = "Default: ${DEFAULT-VALUE}.")
    String direction;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "8", description = "Equal steps from entry to target. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table", description = "Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Mixin
    TrailingOptions trailing;

    @Override
    public Integer call() {
        TrailingConfig config = trailing.toConfig();
        Direction dir = Direction.parse(direction);
        List<LadderRow> rows = StopLadder.of(config, dir, entry, target, steps);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case JSON -> out.println(Json.pretty(json(config, dir, rows)));
            case CSV -> csv(out, rows);
            default -> table(out, config, dir, rows);
        }
        out.flush();
        return 0;
    }

    private ObjectNode json(TrailingConfig config, Direction dir, List<LadderRow> rows) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("config", TrailingConfigJson.toNode(config));
        root.put("direction", dir.id());
        root.put("entry", entry);
        root.put("target", target);
        ArrayNode arr = root.putArray("rows");
        for (LadderRow r : rows) {
            ObjectNode o = arr.addObject();
            o.put("price", r.price());
            Json.put(o, "stop", r.stop());
            Json.put(o, "lockedReturn", r.lockedReturn());
            Json.put(o, "distance", r.distance());
        }
        return root;
    }

    private static void csv(PrintWriter out, List<LadderRow> rows) {
        out.println("price,stop,lockedReturn,distance");
        for (LadderRow r : rows) {
            out.println(Fmt.plain(r.price()) + "," + Fmt.plain(r.stop()) + "," + Fmt.plain(r.lockedReturn()) + "," + Fmt.plain(r.distance()));
        }
    }

    private void table(PrintWriter out, TrailingConfig config, Direction dir, List<LadderRow> rows) {
        int dp = Fmt.priceDecimals(entry);
        out.printf("Forecast: %s from %s to %s, %s, fee %s per side%n", dir.id(), Fmt.price(entry, dp), Fmt.price(target, dp),
                config.label(), Fmt.pct(config.fee(), 2).substring(1));
        out.println();
        String head = String.format("%16s %16s %12s %11s", "price", "stop", "locked", "distance");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (LadderRow r : rows) {
            out.printf("%16s %16s %12s %11s%s%n", Fmt.price(r.price(), dp), r.stop() != r.stop() ? "none" : Fmt.price(r.stop(), dp),
                    Fmt.pct(r.lockedReturn(), 3), r.distance() != r.distance() ? "-" : Fmt.num(r.distance(), 2) + "%",
                    r.activation() ? "   <- trail activates" : "");
        }
        out.println();
        out.println("locked: net return if the stop is hit there (fees and slippage included); distance: price to stop, % of price.");
    }
}
