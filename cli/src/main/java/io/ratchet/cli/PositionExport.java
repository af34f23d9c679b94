package io.ratchet.cli;

import io.ratchet.backtest.StopTrace;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.data.io.StagedOutputs;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.EventType;
import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;
import io.ratchet.live.store.PositionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ratchet live status --export ID}: a live position as a backtest replays it, in three
 * files beside each other. {@code position-ID-entries.csv}: its entry as an exact entry
 * ({@code time,direction,price}: the fill's time to the ms and its price). {@code
 * position-ID-config.json}: its configuration, {@code maxBars} none (live has no time exit).
 * {@code position-ID-stops.csv}: its stored stops (the entry's, each move, the hit) in the
 * layout {@code backtest --stops} writes, so that the two compare with {@code diff}.
 */
final class PositionExport {
    private static final Pattern TRIGGER = Pattern.compile("^trigger ([0-9.Ee+-]+)");
    private static final Pattern BARS = Pattern.compile("and ([0-9]+) one-minute bars|one-minute bars\\) polled");

    private PositionExport() {
    }

    static int run(PositionStore store, long id, Path dir, PrintWriter out) throws IOException {
        Position p = store.get(id).orElseThrow(() -> new UsageException("--export " + id + ": no position " + id + " in the database"));
        if (p.entryTime() <= 0 || p.entryPrice() != p.entryPrice()) {
            throw new UsageException("--export " + id + ": position " + id + " is " + p.status() + " and has no entry to replay"
                    + (p.entryTime() <= 0 && p.entryPrice() == p.entryPrice() ? " (adopted without a known last trade: its start is not a time)" : ""));
        }
        List<StopEvent> events = store.events(id);
        TrailingConfig c = p.config();
        TrailingConfig replay = new TrailingConfig(c.mode(), c.trail(), c.activation(), c.initialStop(), 0, c.fee(), c.slippage());
        String prefix = "position-" + id;
        Path entries = dir.resolve(prefix + "-entries.csv");
        Path config = dir.resolve(prefix + "-config.json");
        Path stops = dir.resolve(prefix + "-stops.csv");
        new RunOutputs().file("--export (entries)", entries, OutputKinds.ENTRIES).file("--export (config)", config, OutputKinds.CONFIG)
                .file("--export (stops)", stops, OutputKinds.STOPS).check();
        String entryCsv = "time,direction,price\n" + p.entryTime() + "," + p.direction().id() + "," + StopTrace.number(p.entryPrice()) + "\n";
        String stopsCsv = StopTrace.csv(rows(p, events));
        try (StagedOutputs o = new StagedOutputs()) {
            o.file(entries, OutputKinds.ENTRIES, w -> w.write(entryCsv.getBytes(StandardCharsets.UTF_8)));
            o.file(config, OutputKinds.CONFIG, w -> w.write(TrailingConfigJson.toJson(replay).getBytes(StandardCharsets.UTF_8)));
            o.file(stops, OutputKinds.STOPS, w -> w.write(stopsCsv.getBytes(StandardCharsets.UTF_8)));
            o.commit();
        }
        out.println("position " + id + ": " + p.symbol() + " " + p.direction().id() + ", entered at " + StopTrace.number(p.entryPrice()) + " at "
                + p.entryTime() + " (" + Fmt.time(p.entryTime()) + " UTC), " + c.label() + ", " + p.status()
                + (p.exitReason() == null ? "" : " (" + p.exitReason() + ")"));
        if (c.maxBars() > 0) {
            out.println("note: its configuration's maxBars " + c.maxBars() + " is left out: live has no time exit");
        }
        int barGaps = 0;
        for (StopEvent e : events) {
            if (e.type() == EventType.GAP_WALKED && e.detail() != null) {
                Matcher m = BARS.matcher(e.detail());
                if (m.find() && (m.group(1) == null || Integer.parseInt(m.group(1)) > 0)) {
                    barGaps++;
                }
            }
        }
        if (barGaps > 0) {
            out.println("note: after " + barGaps + (barGaps == 1 ? " gap" : " gaps") + " in the feed the runner walked whole minutes as one-minute bars "
                    + "(GAP_WALKED events): those minutes are not trades in a recording, and the replay may differ there");
        }
        out.println("wrote " + entries);
        out.println("wrote " + config);
        out.println("wrote " + stops + " (" + countLines(stopsCsv) + " stop events)");
        Path replayed = dir.resolve(prefix + "-replayed.csv");
        out.println("replay it on the trades ratchet live --record stored (add --store DIR where it recorded elsewhere than the store):");
        out.println("  ratchet data klines --from-trades " + p.symbol() + " --interval 1m");
        out.println("  ratchet backtest --data " + p.symbol() + ":1m --intrabar trades --detail-data " + p.symbol() + ":trades --entries " + entries
                + " --config " + config + " --stops " + replayed);
        out.println("  diff " + stops + " " + replayed);
        return 0;
    }

    /** The position's stored stop events as {@link StopTrace} rows: the entry's stop, each move, the hit. */
    static List<StopTrace.Row> rows(Position p, List<StopEvent> events) {
        List<StopTrace.Row> rows = new ArrayList<>();
        long at = p.entryTime();
        boolean entered = false;
        double stop = Double.NaN;
        for (StopEvent e : events) {
            if (e.type() == EventType.STOP_MOVED) {
                stop = e.newStop();
                if (!entered) {
                    entered = true; // the first: the stop the entry had
                    rows.add(new StopTrace.Row(at, p.direction(), StopTrace.Event.ENTRY, at, p.entryPrice(), stop, p.entryPrice(), Double.NaN));
                } else {
                    rows.add(new StopTrace.Row(at, p.direction(), StopTrace.Event.MOVED, e.time(), e.price(), stop, e.price(), Double.NaN));
                }
            } else if (e.type() == EventType.STOP_HIT && entered) {
                rows.add(new StopTrace.Row(at, p.direction(), StopTrace.Event.HIT, e.time(), e.price(), e.oldStop(), p.peak(), trigger(e)));
                break;
            }
        }
        return rows;
    }

    /** The trigger a hit stored: its detail starts {@code trigger X}; the hit's price where it does not say. */
    private static double trigger(StopEvent e) {
        if (e.detail() != null) {
            Matcher m = TRIGGER.matcher(e.detail());
            if (m.find()) {
                try {
                    return Double.parseDouble(m.group(1).replaceAll("[,]$", ""));
                } catch (NumberFormatException ignored) {
                    // fall through
                }
            }
        }
        return e.price();
    }

    private static int countLines(String csv) {
        int n = -1;
        for (int i = 0; i < csv.length(); i++) {
            n += csv.charAt(i) == '\n' ? 1 : 0;
        }
        return n;
    }
}
