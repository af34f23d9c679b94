package io.ratchet.backtest;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.BarWalker;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.Direction;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.StopListener;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Every stop of every entry as the engine set it: the entry's stop, each move, and the exit,
 * heard from the engine's own {@link StopListener} while a {@link BarWalker} walks the entries
 * (nothing here walks anything). What {@code backtest --stops} writes, and what a live
 * position's stored events are compared with, row for row.
 */
public final class StopTrace {
    /** What a row says. */
    public enum Event {
        /** The position opened: {@code stop} is its stop after the entry ({@code NaN}: none until activation). */
        ENTRY,
        /** The stop ratcheted to {@code stop} at the point {@code price} (the new extreme). */
        MOVED,
        /** {@code price} hit {@code stop}; the exit triggers at {@code trigger}. */
        HIT,
        /** The time exit ({@code maxBars}) at the bar's close. */
        TIME,
        /** The end of the data, at its last close. */
        END;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One stop event of one position.
     *
     * @param entryTime the position's entry time (its key: a bar's open, or the exact time of an exact entry)
     * @param time      when, epoch ms: a trade's time, or the open time of the bar walked
     * @param extreme   the favourable extreme at that point
     * @param trigger   where the exit triggers (exits only, else {@code NaN})
     */
    public record Row(long entryTime, Direction direction, Event event, long time, double price, double stop, double extreme, double trigger) {
    }

    private StopTrace() {
    }

    /** The rows of every entry, in entry order, each position's in the order they happened. */
    public static List<Row> of(Bars bars, Entries entries, TrailingConfig config, IntrabarOrder order, DetailIndex detail, TradePrints prints) {
        Heard heard = new Heard();
        BarWalker w = new BarWalker(config, order, detail, prints, heard);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            heard.clear();
            Trade t = entries.walk(w, bars, k);
            rows.addAll(rows(t, heard, w.trigger()));
        }
        return rows;
    }

    /**
     * One walked position's rows. The engine tells the entry's stop through the same listener as
     * the moves (the initial stop, then the first ratchet at the entry price): those events are
     * the leading ones at the entry's time and price, and make the one {@code entry} row. No later
     * move can be at the entry price: a stop moves only where the extreme is, and once past the
     * entry the extreme is never at it again; while it still is, the candidate is the one the
     * entry had.
     */
    private static List<Row> rows(Trade t, Heard h, double trigger) {
        List<Row> out = new ArrayList<>();
        long at = t.entryTime();
        double entry = t.entryPrice();
        Direction d = t.direction();
        int k = 0;
        double stop = Double.NaN;
        while (k < h.size && !h.hit[k] && h.time[k] == at && h.price[k] == entry) {
            stop = h.newStop[k];
            k++;
        }
        out.add(new Row(at, d, Event.ENTRY, at, entry, stop, entry, Double.NaN));
        for (; k < h.size; k++) {
            if (h.hit[k]) {
                out.add(new Row(at, d, Event.HIT, h.time[k], h.price[k], stop, t.peak(), h.newStop[k]));
                return out;
            }
            stop = h.newStop[k];
            out.add(new Row(at, d, Event.MOVED, h.time[k], h.price[k], stop, h.price[k], Double.NaN));
        }
        if (t.exitReason() == ExitReason.TIME || t.exitReason() == ExitReason.END) {
            out.add(new Row(at, d, t.exitReason() == ExitReason.TIME ? Event.TIME : Event.END, t.exitTime(), trigger, stop, t.peak(), trigger));
        }
        return out;
    }

    /** The CSV {@code backtest --stops} writes: a header, then one row per event; numbers as printed by {@link #number}. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("entry_time,direction,event,time,price,stop,extreme,trigger\n");
        for (Row r : rows) {
            sb.append(r.entryTime()).append(',').append(r.direction().id()).append(',').append(r.event().id()).append(',').append(r.time()).append(',')
                    .append(number(r.price())).append(',').append(number(r.stop())).append(',').append(number(r.extreme())).append(',')
                    .append(number(r.trigger())).append('\n');
        }
        return sb.toString();
    }

    /** The shortest decimal that reads back as the same double (empty for none): equal stops print equal, to the last bit. */
    public static String number(double v) {
        return v != v ? "" : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** What the engine said during one walk, in primitive columns. */
    private static final class Heard implements StopListener {
        long[] time = new long[64];
        double[] price = new double[64];
        double[] newStop = new double[64];
        boolean[] hit = new boolean[64];
        int size;

        void clear() {
            size = 0;
        }

        private void add(long t, double p, double s, boolean h) {
            if (size == time.length) {
                int n = size * 2;
                time = java.util.Arrays.copyOf(time, n);
                price = java.util.Arrays.copyOf(price, n);
                newStop = java.util.Arrays.copyOf(newStop, n);
                hit = java.util.Arrays.copyOf(hit, n);
            }
            time[size] = t;
            price[size] = p;
            newStop[size] = s;
            hit[size] = h;
            size++;
        }

        @Override
        public void onStopMoved(long t, double p, double oldStop, double s) {
            add(t, p, s, false);
        }

        @Override
        public void onStopHit(long t, double p, double trigger) {
            add(t, p, trigger, true);
        }
    }
}
