package io.ratchet.backtest.sweep;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Returns;
import io.ratchet.engine.TrailingConfig;

/**
 * One {@code percent} configuration over every entry of a range, bars outer: each bar's points
 * are walked once for all open positions, whatever their number, so the cost is per bar and
 * per entry, not per bar held.
 *
 * <p>Why that is exact: a position's extreme {@code P} is the running extreme of the points
 * since its entry (every point is at or behind it), so positions of one direction entered
 * earlier have an extreme at least as far out, and two positions whose extremes meet share it
 * from then on. Once a position is active and its candidate {@code P (1 - d trail)} is at
 * least as tight as its initial stop ("mature"), its stop is that candidate, the same for every
 * mature position with the same {@code P}: such positions are kept as one cohort (a linked
 * list) on a stack ordered by {@code P}, oldest (furthest extreme, tightest stop) at the
 * bottom. A favourable point beyond the top cohorts merges them into one; an adverse point
 * closes cohorts from the bottom while it reaches their stop. A position not yet mature has
 * its initial stop (or none) until its extreme reaches the price where it matures, which is
 * computed once, to the last bit, with the engine's own tests: those wait in two heaps (by
 * stop, by the price where they mature), and their extreme is read from a second stack of
 * cohorts through union-find.
 *
 * <p>The arithmetic is the engine's ({@code TrailingStop}) to the letter: the candidate, the
 * activation test, the initial stop and the fills are the same expressions. Not thread-safe:
 * one per worker thread, reused for every configuration it walks.
 */
final class PercentWalk {
    private static final byte STOP = (byte) ExitReason.STOP.ordinal();
    private static final byte TIME = (byte) ExitReason.TIME.ordinal();
    private static final byte END = (byte) ExitReason.END.ordinal();
    private static final byte CLOSED = 0;
    private static final byte YOUNG = 1;
    private static final byte MATURE = 2;

    private Bars bars;
    private IntrabarOrder order;
    private Trades out;
    private int d;
    private double trail;
    private double activation;
    private double initialStop;
    private int maxBars;
    private double fee;
    private double slippage;

    /** Entries of this direction (indices into the range's entries) in bar order. */
    private int[] mine = new int[16];
    private int m;
    /** Per position (local index): state, node (cohort), next in its cohort's list, entry price. */
    private byte[] state = new byte[16];
    private int[] node = new int[16];
    private int[] next = new int[16];
    private double[] entry = new double[16];
    /** Union-find over cohort nodes: parent, extreme and member list of a root. */
    private int[] parent = new int[16];
    private double[] nodeP = new double[16];
    private int[] head = new int[16];
    private int[] tail = new int[16];
    private int nodes;
    /** Stack of mature cohorts: {@code ms[mBot..mTop)}, bottom the furthest extreme. */
    private int[] ms = new int[16];
    private int mBot;
    private int mTop;
    /** Stack of young positions' cohorts (for their extreme only). */
    private int[] ys = new int[16];
    private int yTop;
    /** Young positions by stop (key {@code -d S0}) and by the price they mature at (key {@code d M}): binary min-heaps. */
    private final StopHeap stops = new StopHeap();
    private final StopHeap maturing = new StopHeap();
    private int open;
    private boolean young;

    void walk(Bars b, Entries entries, TrailingConfig c, IntrabarOrder o, Trades trades) {
        this.bars = b;
        this.order = o;
        this.out = trades;
        this.trail = c.trail();
        this.activation = c.activation();
        this.initialStop = c.initialStop();
        this.maxBars = c.maxBars();
        this.fee = c.fee();
        this.slippage = c.slippage();
        // A position matures at entry unless it waits for its activation or its candidate is looser than its initial stop.
        this.young = activation > 0 || initialStop == initialStop;
        for (int sign = 1; sign >= -1; sign -= 2) {
            m = 0;
            for (int e = 0; e < entries.size(); e++) {
                if (entries.direction()[e].sign() == sign) {
                    if (m == mine.length) {
                        grow();
                    }
                    mine[m++] = e;
                }
            }
            if (m > 0) {
                d = sign;
                walkSide();
            }
        }
    }

    private void grow() {
        int cap = mine.length * 2;
        mine = java.util.Arrays.copyOf(mine, cap);
    }

    private void size(int n) {
        if (state.length < n) {
            int cap = Math.max(n, state.length * 2);
            state = new byte[cap];
            node = new int[cap];
            next = new int[cap];
            entry = new double[cap];
            ms = new int[cap];
            ys = new int[cap];
        }
        int nn = 2 * n + 2;
        if (parent.length < nn) {
            int cap = Math.max(nn, parent.length * 2);
            parent = new int[cap];
            nodeP = new double[cap];
            head = new int[cap];
            tail = new int[cap];
        }
    }

    private void walkSide() {
        size(m);
        nodes = 0;
        mBot = 0;
        mTop = 0;
        yTop = 0;
        stops.clear();
        maturing.clear();
        open = 0;
        final double[] op = bars.open();
        final double[] hi = bars.high();
        final double[] lo = bars.low();
        final double[] cl = bars.close();
        final int last = bars.to() - 1;
        final double[] fav = d > 0 ? hi : lo;
        final double[] adv = d > 0 ? lo : hi;
        int[] eb = out.entryBar;
        int k = 0;
        int timed = 0; // next position (local index) whose time exit is due
        double prev = 0;
        int j = eb[mine[0]];
        while (j <= last) {
            if (open == 0) {
                if (k == m) {
                    break;
                }
                j = Math.max(j, eb[mine[k]]); // nothing open: straight to the next entry
            }
            if (open > 0) {
                // Bars that neither pass an open extreme (nor a maturing price) nor reach a stop change nothing
                // but the previous point: skipped up to the next entry or time exit.
                int until = k < m ? eb[mine[k]] : last + 1;
                if (maxBars > 0) {
                    while (timed < k && state[timed] == CLOSED) {
                        timed++; // closed: no time exit to wait for
                    }
                    if (timed < k) {
                        until = Math.min(until, eb[mine[timed]] + maxBars);
                    }
                }
                until = Math.min(until, last + 1);
                double favOver = Double.POSITIVE_INFINITY; // work if d * favourable extreme > this
                double favAt = Double.POSITIVE_INFINITY; // work if d * favourable extreme >= this
                double hitAt = Double.NEGATIVE_INFINITY; // work if d * adverse extreme <= this
                if (mTop > mBot) {
                    favOver = d * nodeP[ms[mTop - 1]];
                    hitAt = d * (nodeP[ms[mBot]] * (1 - d * trail));
                }
                if (young) {
                    if (yTop > 0) {
                        favOver = Math.min(favOver, d * nodeP[ys[yTop - 1]]);
                    }
                    if (maturing.size > 0) {
                        favAt = maturing.key[0];
                    }
                    if (stops.size > 0) {
                        hitAt = Math.max(hitAt, -stops.key[0]);
                    }
                }
                int from = j;
                while (j < until && d * fav[j] <= favOver && d * fav[j] < favAt && d * adv[j] > hitAt) {
                    j++;
                }
                if (j > from) {
                    prev = cl[j - 1];
                    if (j > last) {
                        break;
                    }
                    continue;
                }
            }
            double o = op[j];
            double c = cl[j];
            boolean lowFirst = order.lowFirst(d, o, c);
            double x1 = lowFirst ? lo[j] : hi[j];
            double x2 = lowFirst ? hi[j] : lo[j];
            if (open > 0) {
                point(prev, o, true, j);
            }
            while (k < m && eb[mine[k]] == j) {
                enter(k++, o);
            }
            if (open > 0) {
                point(o, x1, false, j);
            }
            if (open > 0) {
                point(x1, x2, false, j);
            }
            if (open > 0) {
                point(x2, c, false, j);
            }
            prev = c;
            if (maxBars > 0) {
                while (timed < k && eb[mine[timed]] + maxBars <= j) {
                    if (eb[mine[timed]] + maxBars == j && state[timed] != CLOSED) {
                        exit(timed, j, c, extreme(timed), TIME);
                    }
                    timed++;
                }
            }
            j++;
        }
        if (open > 0) {
            for (int q = 0; q < k; q++) {
                if (state[q] != CLOSED) {
                    exit(q, last, cl[last], extreme(q), END);
                }
            }
        }
    }

    /** A point {@code p} reached from {@code prev}: a jump when {@code gap} (rule 1), else a continuous move. */
    private void point(double prev, double p, boolean gap, int j) {
        if (d > 0 ? p > prev : p < prev) {
            favourable(p);
        } else {
            adverse(p, gap, j);
        }
    }

    /** Rule 3 for every open position at once: the extremes behind {@code p} move to it, and young positions may mature. */
    private void favourable(double p) {
        if (mTop > mBot && (d > 0 ? nodeP[ms[mTop - 1]] < p : nodeP[ms[mTop - 1]] > p)) {
            int keep = ms[--mTop];
            while (mTop > mBot && (d > 0 ? nodeP[ms[mTop - 1]] < p : nodeP[ms[mTop - 1]] > p)) {
                int other = ms[--mTop];
                parent[other] = keep;
                if (head[other] >= 0) {
                    if (head[keep] < 0) {
                        head[keep] = head[other];
                    } else {
                        next[tail[keep]] = head[other];
                    }
                    tail[keep] = tail[other];
                }
            }
            nodeP[keep] = p;
            ms[mTop++] = keep;
        }
        if (!young) {
            return;
        }
        if (yTop > 0 && (d > 0 ? nodeP[ys[yTop - 1]] < p : nodeP[ys[yTop - 1]] > p)) {
            int keep = ys[--yTop];
            while (yTop > 0 && (d > 0 ? nodeP[ys[yTop - 1]] < p : nodeP[ys[yTop - 1]] > p)) {
                parent[ys[--yTop]] = keep;
            }
            nodeP[keep] = p;
            ys[yTop++] = keep;
        }
        double dp = d * p;
        while (maturing.size > 0 && maturing.key[0] <= dp) {
            int q = maturing.pop();
            if (state[q] == YOUNG) {
                state[q] = MATURE;
                join(q, p);
            }
        }
    }

    /** Rules 1, 2 and 4: the cohorts whose stop {@code p} reaches close, bottom first, then the young ones it reaches. */
    private void adverse(double p, boolean gap, int j) {
        while (mTop > mBot) {
            int nd = ms[mBot];
            double peak = nodeP[nd];
            double s = peak * (1 - d * trail);
            if (!(d > 0 ? p <= s : p >= s)) {
                break;
            }
            double trigger = gap ? p : s;
            for (int q = head[nd]; q >= 0; q = next[q]) {
                if (state[q] == MATURE) {
                    exit(q, j, trigger, peak, STOP);
                }
            }
            mBot++;
        }
        if (!young) {
            return;
        }
        double limit = -d * p;
        while (stops.size > 0 && stops.key[0] <= limit) {
            int q = stops.pop();
            if (state[q] == YOUNG) {
                exit(q, j, gap ? p : entry[q] * (1 - d * initialStop), extreme(q), STOP);
            }
        }
    }

    /** Opens local position {@code q} at the bar's open {@code e}: every open extreme is at or beyond it, so it goes on top. */
    private void enter(int q, double e) {
        entry[q] = e;
        next[q] = -1;
        open++;
        if (mature(e, e)) {
            state[q] = MATURE;
            join(q, e);
            return;
        }
        state[q] = YOUNG;
        int nd;
        if (yTop > 0 && nodeP[ys[yTop - 1]] == e) {
            nd = ys[yTop - 1];
        } else {
            nd = newNode(e);
            ys[yTop++] = nd;
        }
        node[q] = nd;
        if (initialStop == initialStop) {
            stops.push(-d * (e * (1 - d * initialStop)), q, 0);
        }
        double at = maturesAt(e);
        if (at == at) {
            maturing.push(d * at, q, 0);
        }
    }

    /** Puts mature position {@code q} (extreme {@code p}, the top's or nearer) into the top cohort. */
    private void join(int q, double p) {
        int nd;
        if (mTop > mBot && nodeP[ms[mTop - 1]] == p) {
            nd = ms[mTop - 1];
            next[q] = -1;
            if (head[nd] < 0) {
                head[nd] = q;
            } else {
                next[tail[nd]] = q;
            }
            tail[nd] = q;
        } else {
            nd = newNode(p);
            head[nd] = q;
            tail[nd] = q;
            next[q] = -1;
            ms[mTop++] = nd;
        }
        node[q] = nd;
    }

    private int newNode(double p) {
        int nd = nodes++;
        parent[nd] = nd;
        nodeP[nd] = p;
        head[nd] = -1;
        tail[nd] = -1;
        return nd;
    }

    /** The extreme of position {@code q}: its cohort's root, with path halving. */
    private double extreme(int q) {
        int x = node[q];
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return nodeP[x];
    }

    /**
     * Whether a position entered at {@code e} with extreme {@code p} has its candidate as its
     * stop: active (the engine's test) and at least as tight as the initial stop.
     */
    private boolean mature(double e, double p) {
        double profit = d * (p - e) / e;
        if (profit < activation) {
            return false;
        }
        if (initialStop != initialStop) {
            return true;
        }
        double cand = p * (1 - d * trail);
        double s = e * (1 - d * initialStop);
        return d > 0 ? cand >= s : cand <= s;
    }

    /**
     * The extreme at which a position entered at {@code e} matures, to the bit: long the
     * smallest price, short the largest, for which {@link #mature} holds (it is monotone in the
     * extreme); NaN if none does. Found from the formula's value by doubling steps of ulps,
     * then bisection on the bits (positive doubles order like their bits).
     */
    private double maturesAt(double e) {
        double guess = d > 0 ? e * (1 + activation) : e * (1 - activation);
        if (initialStop == initialStop) {
            double g2 = e * (1 - d * initialStop) / (1 - d * trail);
            guess = d > 0 ? Math.max(guess, g2) : Math.min(guess, g2);
        }
        if (d > 0) {
            if (!(guess > 0) || Double.isInfinite(guess)) {
                guess = e;
            }
            long b = Double.doubleToLongBits(guess);
            long good;
            long bad;
            if (mature(e, guess)) {
                good = b;
                long step = 1;
                bad = good - step;
                while (bad > 0 && mature(e, Double.longBitsToDouble(bad))) {
                    good = bad;
                    step <<= 1;
                    bad = good - step;
                }
                bad = Math.max(bad, 0);
            } else {
                bad = b;
                long step = 1;
                long inf = Double.doubleToLongBits(Double.POSITIVE_INFINITY);
                good = Math.min(inf, bad + step);
                while (!mature(e, Double.longBitsToDouble(good))) {
                    if (good == inf) {
                        return Double.NaN;
                    }
                    bad = good;
                    step <<= 1;
                    good = Math.min(inf, bad + step);
                }
            }
            while (good - bad > 1) {
                long mid = bad + (good - bad) / 2;
                if (mature(e, Double.longBitsToDouble(mid))) {
                    good = mid;
                } else {
                    bad = mid;
                }
            }
            return Double.longBitsToDouble(good);
        }
        // Short: mature for extremes at or below the answer; prices stay positive.
        if (!mature(e, Double.MIN_VALUE)) {
            return Double.NaN;
        }
        if (!(guess > 0) || Double.isInfinite(guess)) {
            guess = e;
        }
        long b = Double.doubleToLongBits(guess);
        long good;
        long bad;
        long inf = Double.doubleToLongBits(Double.POSITIVE_INFINITY);
        if (mature(e, guess)) {
            good = b;
            long step = 1;
            bad = Math.min(inf, good + step);
            while (mature(e, Double.longBitsToDouble(bad))) {
                if (bad == inf) {
                    return Double.POSITIVE_INFINITY;
                }
                good = bad;
                step <<= 1;
                bad = Math.min(inf, good + step);
            }
        } else {
            bad = b;
            long step = 1;
            good = Math.max(1, bad - step);
            while (!mature(e, Double.longBitsToDouble(good))) {
                bad = good;
                step <<= 1;
                good = Math.max(1, bad - step);
            }
        }
        while (bad - good > 1) {
            long mid = good + (bad - good) / 2;
            if (mature(e, Double.longBitsToDouble(mid))) {
                good = mid;
            } else {
                bad = mid;
            }
        }
        return Double.longBitsToDouble(good);
    }

    private void exit(int q, int j, double trigger, double peak, byte why) {
        state[q] = CLOSED;
        open--;
        double e = entry[q];
        double fill = Returns.exitFill(d, trigger, slippage);
        out.set(mine[q], j, bars.openTime()[j], fill, Returns.net(d, e, fill, fee), peak, why);
    }
}
