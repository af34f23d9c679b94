package io.ratchet.backtest.sweep;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.DetailIndex;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.Returns;
import io.ratchet.engine.TrailingConfig;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Scores many configurations in one pass over each position's bars: the bars are the outer
 * loop, the configurations the inner one, over primitive arrays. It is the engine's rules
 * restated for a batch, and must give exactly {@code BarWalker}'s trades (a property test
 * holds it to that, bit for bit).
 *
 * <p>Why it is fast: everything that does not depend on the configuration is done once per
 * point for all of them. The previous point, whether a move is favourable, and the extreme
 * {@code P} depend only on the prices; only the stop differs. A new extreme ratchets every
 * open configuration in one tight loop; an adverse point is tested against the nearest
 * stop first, and only when it reaches it are the configurations scanned for hits.
 *
 * <p>A pure function of (bars, entries, grid): no state survives a call, so a sweep too
 * large for one machine can be split by symbol and time window.
 */
public final class SweepKernel {
    private static final int BLOCK = 16;

    private SweepKernel() {
    }

    /**
     * @param detail   lower-timeframe bars for {@link IntrabarOrder#DETAIL}, else null
     * @param threads  worker threads; entries are split among them
     * @param progress counts finished entries (may be null)
     */
    public static KernelResult run(Bars bars, Entries entries, TrailingConfig[] configs, IntrabarOrder order, DetailIndex detail,
                                   int threads, AtomicLong progress) {
        if (order == IntrabarOrder.DETAIL && detail == null) {
            throw new IllegalArgumentException("intrabar detail needs lower-timeframe bars");
        }
        int n = entries.size();
        KernelResult out = new KernelResult(configs.length, n);
        Grid grid = new Grid(configs);
        int blocks = (n + BLOCK - 1) / BLOCK;
        Runnable work = () -> IntStream.range(0, blocks).parallel().forEach(b -> {
            Worker w = new Worker(bars, grid, order, detail, out);
            for (int e = b * BLOCK, end = Math.min(n, e + BLOCK); e < end; e++) {
                w.walk(e, entries.bar()[e], entries.direction()[e].sign());
                if (progress != null) {
                    progress.incrementAndGet();
                }
            }
        });
        if (threads <= 1) {
            Worker w = new Worker(bars, grid, order, detail, out);
            for (int e = 0; e < n; e++) {
                w.walk(e, entries.bar()[e], entries.direction()[e].sign());
                if (progress != null) {
                    progress.incrementAndGet();
                }
            }
            return out;
        }
        // All cores: the common pool (its workers plus this thread), no pool to build per call.
        boolean common = threads >= Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = common ? null : new ForkJoinPool(threads);
        try {
            if (common) {
                work.run();
            } else {
                pool.submit(work).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep failed: " + e.getCause(), e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return out;
    }

    /** The grid as columns. */
    private static final class Grid {
        final int size;
        final boolean[] profitLock;
        final double[] trail;
        final double[] activation;
        final double[] initialStop;
        final int[] maxBars;
        final double[] fee;
        final double[] slippage;
        final boolean anyMaxBars;

        Grid(TrailingConfig[] configs) {
            size = configs.length;
            profitLock = new boolean[size];
            trail = new double[size];
            activation = new double[size];
            initialStop = new double[size];
            maxBars = new int[size];
            fee = new double[size];
            slippage = new double[size];
            boolean any = false;
            for (int c = 0; c < size; c++) {
                TrailingConfig k = configs[c];
                profitLock[c] = k.mode() == Mode.PROFIT_LOCK;
                trail[c] = k.trail();
                activation[c] = k.activation();
                initialStop[c] = k.initialStop();
                maxBars[c] = k.maxBars();
                fee[c] = k.fee();
                slippage[c] = k.slippage();
                any |= k.maxBars() > 0;
            }
            anyMaxBars = any;
        }
    }

    /** One thread's state: preallocated, reused for every entry it walks. */
    private static final class Worker {
        final Bars bars;
        final Grid g;
        final IntrabarOrder order;
        final DetailIndex detail;
        final KernelResult out;
        final double[] stop;
        final int[] alive;
        double[] pts = new double[16];
        boolean[] gap = new boolean[16];
        int nAlive;
        int d;
        double entry;
        double peak;
        int entryIndex;

        Worker(Bars bars, Grid g, IntrabarOrder order, DetailIndex detail, KernelResult out) {
            this.bars = bars;
            this.g = g;
            this.order = order;
            this.detail = order == IntrabarOrder.DETAIL ? detail : null;
            this.out = out;
            this.stop = new double[g.size];
            this.alive = new int[g.size];
        }

        void walk(int e, int i, int sign) {
            d = sign;
            entryIndex = e;
            entry = bars.open()[i];
            peak = entry;
            out.entryTime[e] = bars.openTime()[i];
            out.entryPrice[e] = entry;
            out.sign[e] = sign;
            nAlive = g.size;
            for (int c = 0; c < g.size; c++) {
                alive[c] = c;
                double s0 = g.initialStop[c];
                stop[c] = s0 == s0 ? entry * (1 - d * s0) : Double.NaN;
            }
            // The entry is a favourable point at P = E (rule 3).
            double nearest = ratchetAll();
            double prev = entry;
            int last = bars.to() - 1;
            for (int j = i; j <= last && nAlive > 0; j++) {
                int np = points(j, j == i);
                for (int k = 0; k < np && nAlive > 0; k++) {
                    double p = pts[k];
                    if (d > 0 ? p > prev : p < prev) {
                        if (d > 0 ? p > peak : p < peak) {
                            peak = p;
                            nearest = ratchetAll();
                        }
                    } else if (d > 0 ? p <= nearest : p >= nearest) {
                        nearest = hits(j, p, gap[k]);
                    }
                    prev = p;
                }
                if (g.anyMaxBars && nAlive > 0) {
                    nearest = timeExits(j, i, nearest);
                }
            }
            for (int a = 0; a < nAlive; a++) {
                close(alive[a], last, bars.close()[last], ExitReason.END);
            }
            nAlive = 0;
        }

        /** Recomputes every open configuration's stop at the current extreme; returns the nearest stop. */
        private double ratchetAll() {
            double profit = d * (peak - entry) / entry;
            double nearest = d > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int a = 0; a < nAlive; a++) {
                int c = alive[a];
                double s = stop[c];
                if (!(profit < g.activation[c] || (g.profitLock[c] && profit <= 0))) {
                    double cand = g.profitLock[c] ? entry + g.trail[c] * (peak - entry) : peak * (1 - d * g.trail[c]);
                    if (s != s || (d > 0 ? cand > s : cand < s)) {
                        s = cand;
                        stop[c] = cand;
                    }
                }
                if (d > 0 ? s > nearest : s < nearest) { // false for NaN: no stop yet
                    nearest = s;
                }
            }
            return nearest;
        }

        /** An adverse or flat point reached the nearest stop: closes every configuration it hits. */
        private double hits(int j, double p, boolean isGap) {
            int a = 0;
            while (a < nAlive) {
                int c = alive[a];
                double s = stop[c];
                if (d > 0 ? p <= s : p >= s) { // false for NaN
                    close(c, j, isGap ? p : s, ExitReason.STOP);
                    alive[a] = alive[--nAlive];
                } else {
                    a++;
                }
            }
            return nearest();
        }

        private double timeExits(int j, int i, double nearest) {
            int a = 0;
            boolean closed = false;
            while (a < nAlive) {
                int c = alive[a];
                int mb = g.maxBars[c];
                if (mb > 0 && j - i == mb) {
                    close(c, j, bars.close()[j], ExitReason.TIME);
                    alive[a] = alive[--nAlive];
                    closed = true;
                } else {
                    a++;
                }
            }
            return closed ? nearest() : nearest;
        }

        /**
         * The stop a move against the position meets first: the highest for a long, the
         * lowest for a short; minus (plus) infinity when no open configuration has a stop.
         */
        private double nearest() {
            double nearest = d > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            for (int a = 0; a < nAlive; a++) {
                double s = stop[alive[a]];
                if (d > 0 ? s > nearest : s < nearest) {
                    nearest = s;
                }
            }
            return nearest;
        }

        private void close(int c, int j, double trigger, ExitReason why) {
            int idx = c * out.entries() + entryIndex;
            double fill = Returns.exitFill(d, trigger, g.slippage[c]);
            out.exitTime[idx] = bars.openTime()[j];
            out.exitPrice[idx] = fill;
            out.netReturn[idx] = Returns.net(d, entry, fill, g.fee[c]);
            out.peak[idx] = peak;
            out.reason[idx] = (byte) why.ordinal();
        }

        /** The points of bar {@code j} in walking order; the entry bar has no open (it is the entry). */
        private int points(int j, boolean entryBar) {
            if (detail != null && detail.end(j) > detail.start(j)) {
                Bars db = detail.detail();
                int n = 0;
                int need = 4 * (detail.end(j) - detail.start(j));
                if (pts.length < need) {
                    pts = new double[need];
                    gap = new boolean[need];
                }
                for (int k = detail.start(j); k < detail.end(j); k++) {
                    n = bar(n, db.open()[k], db.high()[k], db.low()[k], db.close()[k], true);
                }
                return n;
            }
            return bar(0, bars.open()[j], bars.high()[j], bars.low()[j], bars.close()[j], !entryBar);
        }

        private int bar(int n, double o, double h, double l, double c, boolean withOpen) {
            if (withOpen) {
                pts[n] = o;
                gap[n++] = true;
            }
            boolean lowFirst = order.lowFirst(d, o, c);
            pts[n] = lowFirst ? l : h;
            gap[n++] = false;
            pts[n] = lowFirst ? h : l;
            gap[n++] = false;
            pts[n] = c;
            gap[n++] = false;
            return n;
        }
    }
}
