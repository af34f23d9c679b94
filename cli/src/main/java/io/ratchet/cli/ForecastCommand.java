package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.backtest.HistoryOdds;
import io.ratchet.data.kline.KlineSource;
import io.ratchet.engine.Direction;
import io.ratchet.engine.IntrabarOrder;
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
        header = "The stop ladder of a planned trade, with its odds on history.",
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

    @Option(names = "--data", paramLabel = "FILE|DIR|SYMBOL:INTERVAL",
            description = "Klines: adds, per level, how often a position entered at any bar reached it before its stop, and the median bars it took.")
    String data;

    @Option(names = "--intrabar", paramLabel = "ORDER", defaultValue = "adverse-first",
            description = "With --data: adverse-first, favourable-first, ohlc, or trades (each bar replaced by its trades, with --detail-data; "
                    + "bars without trades walk with ohlc).")
    String intrabar;

    @Option(names = "--detail-data", paramLabel = "FILE|SYMBOL:trades",
            description = "For --intrabar trades: an aggTrades dump or SYMBOL:trades from the store, of the symbol of --data.")
    String detailData;

    @Mixin
    StoreOption store;

    /** What the odds walked: {@code trades} or the order's name; null without --data. */
    private String intrabarId;

    @Override
    public Integer call() throws java.io.IOException {
        TrailingConfig config = trailing.toConfig();
        Direction dir = Direction.parse(direction);
        List<LadderRow> rows = StopLadder.of(config, dir, entry, target, steps);
        PrintWriter out = spec.commandLine().getOut();
        HistoryOdds.Odds odds = null;
        String history = null;
        boolean onTrades = BacktestInputs.isTrades(intrabar);
        if (data == null && (onTrades || detailData != null)) {
            throw new UsageException((onTrades ? "--intrabar trades" : "--detail-data") + " is for the odds on history: give --data (klines) too");
        }
        if (data != null) {
            IntrabarOrder order = onTrades ? IntrabarOrder.OHLC : IntrabarOrder.parse(intrabar);
            if (order == IntrabarOrder.DETAIL) {
                throw new UsageException("--intrabar detail is for backtest and sweep; the forecast takes adverse-first, favourable-first, ohlc or trades");
            }
            if (!onTrades && detailData != null) {
                throw new UsageException("--detail-data is used only with --intrabar trades");
            }
            KlineSource.Resolved r = KlineSource.resolve(data, store.open(), null, null, Long.MIN_VALUE, Long.MAX_VALUE);
            String[] tradesNote = {""};
            io.ratchet.engine.TradePrints prints = onTrades
                    ? BacktestInputs.loadTrades(detailData, store.open(), r.series(), t -> tradesNote[0] = t.replaceFirst("^trades: +", "; "))
                    : null;
            double[] moves = rows.stream().mapToDouble(row -> dir.sign() * (row.price() - entry) / entry).toArray();
            odds = HistoryOdds.of(r.series().bars(), config, order, null, prints, dir, moves);
            intrabarId = onTrades ? "trades" : order.id();
            history = r.series().symbol() + " " + r.series().interval().id() + ", " + odds.entries() + " entries (one per bar), "
                    + Fmt.time(r.series().firstOpenTime()) + " .. " + Fmt.time(r.series().lastOpenTime()) + " UTC, intrabar " + intrabarId
                    + tradesNote[0];
        }
        switch (format) {
            case JSON -> out.println(Json.pretty(json(config, dir, rows, odds)));
            case CSV -> csv(out, rows, odds);
            default -> table(out, config, dir, rows, odds, history);
        }
        out.flush();
        return 0;
    }

    private ObjectNode json(TrailingConfig config, Direction dir, List<LadderRow> rows, HistoryOdds.Odds odds) {
        ObjectNode root = JsonTrees.object();
        root.set("config", TrailingConfigJson.toNode(config));
        root.put("direction", dir.id());
        root.put("entry", entry);
        root.put("target", target);
        if (odds != null) {
            root.put("historyEntries", odds.entries());
            root.put("intrabar", intrabarId);
        }
        ArrayNode arr = root.putArray("rows");
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            ObjectNode o = arr.addObject();
            o.put("price", r.price());
            Json.put(o, "stop", r.stop());
            Json.put(o, "lockedReturn", r.lockedReturn());
            Json.put(o, "distance", r.distance());
            if (odds != null) {
                Json.put(o, "reachedShare", odds.reached()[i]);
                Json.put(o, "medianBars", odds.medianBars()[i]);
            }
        }
        return root;
    }

    private static void csv(PrintWriter out, List<LadderRow> rows, HistoryOdds.Odds odds) {
        out.println("price,stop,lockedReturn,distance" + (odds != null ? ",reachedShare,medianBars" : ""));
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            out.println(Fmt.plain(r.price()) + "," + Fmt.plain(r.stop()) + "," + Fmt.plain(r.lockedReturn()) + "," + Fmt.plain(r.distance())
                    + (odds != null ? "," + Fmt.plain(odds.reached()[i]) + "," + Fmt.plain(odds.medianBars()[i]) : ""));
        }
    }

    private void table(PrintWriter out, TrailingConfig config, Direction dir, List<LadderRow> rows, HistoryOdds.Odds odds, String history) {
        int dp = Fmt.priceDecimals(entry);
        out.printf("Forecast: %s from %s to %s, %s, fee %s per side%n", dir.id(), Fmt.price(entry, dp), Fmt.price(target, dp),
                config.label(), Fmt.pct(config.fee(), 2).substring(1));
        if (history != null) {
            out.println("History: " + history);
        }
        out.println();
        String head = String.format("%16s %16s %12s %11s", "price", "stop", "locked", "distance")
                + (odds != null ? String.format(" %9s %11s", "reached", "median bars") : "");
        out.println(head);
        out.println("-".repeat(head.length()));
        for (int i = 0; i < rows.size(); i++) {
            LadderRow r = rows.get(i);
            out.printf("%16s %16s %12s %11s%s%s%n", Fmt.price(r.price(), dp), r.stop() != r.stop() ? "none" : Fmt.price(r.stop(), dp),
                    Fmt.pct(r.lockedReturn(), 3), r.distance() != r.distance() ? "-" : Fmt.num(r.distance(), 2) + "%",
                    odds == null ? "" : String.format(" %9s %11s", Fmt.pct(odds.reached()[i], 1).replace("+", ""), Fmt.num(odds.medianBars()[i], 0)),
                    r.activation() ? "   <- trail activates" : "");
        }
        out.println();
        out.println("locked: net return if the stop is hit there (fees and slippage included); distance: price to stop, % of price.");
        if (odds != null) {
            out.println("reached: share of entries (one per bar of history, same move in %) that got there before the stop; median bars to get there.");
        }
    }
}
