package io.ratchet.backtest.sweep;

import io.ratchet.backtest.entry.Entries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Returns;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.TrailingConfig;
import java.util.Arrays;

/**
 * A group of {@code percent} configurations that differ only in trail (activation 0, no
 * initial stop, one time exit) over every entry of a range: bars outer, every trail and every
 * open position of a direction walked at once, so the cost is per bar and per change of the
 * positions' shared state, not per bar held nor per (configuration, entry).
 *
 * <p>Why that is exact. A position's extreme {@code P} is the running extreme of the points
 * since its entry, so positions entered earlier have an extreme at least as far out, and two
 * whose extremes meet share it, and so every stop {@code P (1 - d trail)}, from then on: such
 * positions are one <em>cohort</em>, and the cohorts form a stack ordered by {@code P}, oldest at
 * the bottom (as in {@link PercentWalk}). Trails are kept tightest first; a point that reaches a
 * position's stop for one trail reaches it for every tighter one, so the trails a position has
 * left open are a suffix {@code [lo, T)}, and a hit closes the next few. And an older position
 * has closed at least the trails a younger one has (its stops are at least as tight at every
 * point the younger one sees), so within a cohort {@code lo} falls from oldest to youngest:
 * positions of a cohort with the same {@code lo} are a run (a <em>bucket</em>) whose future is
 * the same for every remaining trail. A bucket's exits are recorded once, on a node of a tree:
 * merging buckets makes a parent node for the trails from the merge on. What each
 * (configuration, entry) trade is, is read back from the tree, one configuration at a time
 * ({@link #expand}), with the engine's arithmetic for the stop, fill and return: the trades are
 * not kept, so the memory is O(entries + the walk's events), not O(configurations x entries).
 *
 * <p>Not thread-safe while walking; {@link #expand} may run on several threads at once after
 * {@link #walk} returned (each with its own {@link Cursor}).
 */
final class PercentGroupWalk {
    private static final byte STOP = (byte) ExitReason.STOP.ordinal();
    private static final byte TIME = (byte) ExitReason.TIME.ordinal();
    private static final byte END = (byte) ExitReason.END.ordinal();
    /** Event kinds: a hit on a continuous move (the trigger is each trail's stop), or at a price (a gap, a time exit, the end). */
    private static final byte AT_STOP = 0;
    private static final byte AT_PRICE = 1;

    private final Bars bars;
    private final Entries entries;
    private final IntrabarOrder order;
    /** The group's trails, tightest first, and the grid index of each. */
    final double[] trail;
    final int[] config;
    private final int tn;
    private final int maxBars;

    // Events: one hit of one cohort, a time exit, or the end.
    private int evN;
    private int[] evBar;
    private double[] evPeak;
    private double[] evPrice;
    private byte[] evKind;
    private byte[] evWhy;

    // Nodes: a bucket's exits for trails [lo0, hi), then its parent's (hi = T while it is a bucket's).
    private int nodeN;
    private int[] parent;
    private int[] lo0;
    private int[] hi;
    private int[] recHead;
    private int[] recTail;

    // Records of a node, in time order: trails below recK (and from the previous record's) exit at recEv.
    private int recN;
    private int[] recEv;
    private int[] recK;
    private int[] recNext;

    /** Per entry: its first node; a time exit closes trails from timeLo at timeEv (timeLo = T: none). */
    private final int[] leaf;
    /** The direction of every entry when they share one, else 0. */
    private final int oneSign;
    private final int[] timeLo;
    private final int[] timeEv;

    // One side's walk: entries of the direction (local index -> entry), buckets (a linked list, oldest first) and cohorts (a stack).
    private int d;
    private int[] mine;
    private int m;
    private int[] bFirst;
    private int[] bNode;
    private int[] bLo;
    private int[] bNext;
    private int[] bPrev;
    private int bN;
    private int bHead;
    private int bTail;
    private int[] cFirst;
    private int[] cLast;
    private double[] cP;
    private int[] cId;
    private int mBot;
    private int mTop;
    private int ids;
    private int entered;
    private final StopHeap heap = new StopHeap(); // values: the position, its cohort id

    /**
     * @param group grid indices of the group's configurations (same mode, activation 0, no initial stop, same time exit)
     */
    PercentGroupWalk(Bars bars, Entries entries, TrailingConfig[] grid, int[] group, IntrabarOrder order) {
        this.bars = bars;
        this.entries = entries;
        this.order = order;
        Integer[] byTrail = new Integer[group.length];
        for (int i = 0; i < group.length; i++) {
            byTrail[i] = group[i];
        }
        Arrays.sort(byTrail, (x, y) -> Double.compare(grid[x].trail(), grid[y].trail()));
        tn = group.length;
        trail = new double[tn];
        config = new int[tn];
        for (int t = 0; t < tn; t++) {
            config[t] = byTrail[t];
            trail[t] = grid[byTrail[t]].trail();
        }
        maxBars = grid[group[0]].maxBars();
        int n = entries.size();
        int one = n > 0 ? entries.direction()[0].sign() : 0;
        for (int e = 1; e < n && one != 0; e++) {
            one = entries.direction()[e].sign() == one ? one : 0;
        }
        oneSign = one;
        leaf = new int[n];
        timeLo = new int[n];
        timeEv = new int[n];
        Arrays.fill(timeLo, tn);
        // Events, nodes and records number one to ten an entry (an entry at every bar: 1.3 to 2; one every 60: 6 to 10).
        int cap = 64; // see grown
        evBar = new int[cap];
        evPeak = new double[cap];
        evPrice = new double[cap];
        evKind = new byte[cap];
        evWhy = new byte[cap];
        parent = new int[cap];
        lo0 = new int[cap];
        hi = new int[cap];
        recHead = new int[cap];
        recTail = new int[cap];
        recEv = new int[cap];
        recK = new int[cap];
        recNext = new int[cap];
    }

    /** Whether the group walk serves configuration {@code c} (bars, no young positions to wait for). */
    static boolean serves(TrailingConfig c) {
        return c.mode() == io.ratchet.engine.Mode.PERCENT && c.activation() == 0 && c.initialStop() != c.initialStop();
    }

    int size() {
        return tn;
    }


    /** Walks both directions; afterwards every (configuration, entry) can be read back. */
    PercentGroupWalk walk() {
        int n = entries.size();
        mine = new int[Math.max(1, n)];
        for (int sign = 1; sign >= -1; sign -= 2) {
            m = 0;
            for (int e = 0; e < n; e++) {
                if (entries.direction()[e].sign() == sign) {
                    mine[m++] = e;
                }
            }
            if (m > 0) {
                d = sign;
                walkSide();
            }
        }
        mine = null;
        bFirst = bNode = bLo = bNext = bPrev = cFirst = cLast = cId = null;
        cP = null;
        return this;
    }

    private void walkSide() {
        int cap = m + 1;
        bFirst = new int[cap];
        bNode = new int[cap];
        bLo = new int[cap];
        bNext = new int[cap];
        bPrev = new int[cap];
        cFirst = new int[cap];
        cLast = new int[cap];
        cP = new double[cap];
        cId = new int[cap];
        bLo[m] = -1; // the spare bucket (see orSpare): never closed
        reset();
        final double[] op = bars.open();
        final double[] hiB = bars.high();
        final double[] loB = bars.low();
        final double[] cl = bars.close();
        final int last = bars.to() - 1;
        final double[] fav = d > 0 ? hiB : loB;
        final double[] adv = d > 0 ? loB : hiB;
        final int[] eb = entries.bar();
        entered = 0;
        double prev = 0;
        int j = eb[mine[0]];
        while (j <= last) {
            if (bHead < 0) {
                if (entered == m) {
                    break;
                }
                reset();
                j = Math.max(j, eb[mine[entered]]); // nothing open: straight to the next entry
            }
            if (bHead >= 0) {
                // Bars that neither pass the nearest extreme nor reach the nearest stop change nothing but the previous point.
                int until = entered < m ? eb[mine[entered]] : last + 1;
                if (maxBars > 0) {
                    until = Math.min(until, eb[mine[bFirst[bHead]]] + maxBars);
                }
                until = Math.min(until, last + 1);
                clean();
                double favOver = d * cP[mTop - 1];
                double hitAt = d * stopOf(mTop - 1);
                if (heap.size > 0) {
                    hitAt = Math.max(hitAt, -heap.key[0]);
                }
                int from = j;
                j = quiet(fav, adv, d, j, until, favOver, hitAt);
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
            double x1 = lowFirst ? loB[j] : hiB[j];
            double x2 = lowFirst ? hiB[j] : loB[j];
            // The bar's four moves (the gap from the previous close to the open, then open, x1, x2, close) through one call of
            // point: each call site inlines the rules, and with four of them C2 took 0.24 s to compile this method's loop (an
            // entry every 60 bars of a year of 1m bars), while the other hot methods waited behind it for the one C2 thread.
            double from = prev;
            for (int s = 0; s < 4; s++) {
                double to = s == 0 ? o : s == 1 ? x1 : s == 2 ? x2 : c;
                if (bHead >= 0) {
                    point(from, to, s == 0, j);
                }
                if (s == 0) {
                    while (entered < m && eb[mine[entered]] == j) {
                        enter(o);
                    }
                }
                from = to;
            }
            prev = c;
            while (maxBars > 0 && bHead >= 0 && eb[mine[bFirst[bHead]]] + maxBars == j) {
                timeExit(j, c);
            }
            j++;
        }
        if (bHead >= 0) {
            for (int q = mBot; q < mTop; q++) {
                int ev = event(last, cP[q], cl[last], AT_PRICE, END);
                for (int b = cFirst[q]; ; b = bNext[b]) {
                    record(bNode[b], ev, tn);
                    if (b == cLast[q]) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * The first bar from {@code j} (before {@code until}) that passes the nearest extreme or
     * reaches the nearest stop. A call, not a loop inside the walk's: a sweep calls walkSide once
     * a side, so it runs compiled on stack, and C2 compiled it at each loop head it met first (two
     * of 56 to 88 ms in one e1 run, and the standard compile after them). The bar's four moves
     * stay a loop of the walk's own: as a call too, e60 was 20 ms slower (16 rounds).
     */
    private static int quiet(double[] fav, double[] adv, int d, int j, int until, double favOver, double hitAt) {
        while (j < until && d * fav[j] <= favOver && d * adv[j] > hitAt) {
            j++;
        }
        return j;
    }

    private void reset() {
        bN = 0;
        bHead = -1;
        bTail = -1;
        mBot = 0;
        mTop = 0;
        heap.size = 0;
    }

    private void point(double prev, double p, boolean gap, int j) {
        if (d > 0 ? p > prev : p < prev) {
            favourable(p);
        } else {
            adverse(p, gap, j);
        }
    }

    /** Rule 3 for every open position at once: the cohorts whose extreme is behind {@code p} become one at {@code p}. */
    private void favourable(double p) {
        if (!(d * cP[mTop - 1] < d * p)) {
            return;
        }
        int q = mTop - 1;
        while (q > mBot && d * cP[q - 1] <= d * p) {
            q--;
        }
        // Buckets of equal lo meet only where two cohorts meet: those join (their futures are the same from now on).
        for (int r = q + 1; r < mTop; r++) {
            int b = cFirst[r];
            int a = bPrev[b];
            if (bLo[a] == bLo[b]) {
                join(a, b);
                if (cLast[r] == b) {
                    cLast[r] = a;
                }
            }
        }
        cLast[q] = cLast[mTop - 1];
        mTop = q + 1;
        cP[q] = p;
        push(q);
    }

    /** Rules 1, 2 and 4: every cohort whose nearest open stop {@code p} reaches closes the trails it reaches. */
    private void adverse(double p, boolean gap, int j) {
        int top = mTop - 1;
        double st = stopOf(top);
        if (d > 0 ? p <= st : p >= st) {
            hit(top, p, gap, j);
            if (bHead < 0) {
                return;
            }
        }
        double limit = -d * p;
        while (true) {
            clean();
            if (heap.size == 0 || heap.key[0] > limit) {
                return;
            }
            int q = heap.a[0];
            heap.pop();
            hit(q, p, gap, j);
            if (bHead < 0) {
                return;
            }
        }
    }

    private void hit(int q, double p, boolean gap, int j) {
        double peak = cP[q];
        int newest = cLast[q];
        int k = bLo[newest];
        while (k < tn) {
            double s = peak * (1 - d * trail[k]);
            if (!(d > 0 ? p <= s : p >= s)) {
                break;
            }
            k++;
        }
        int ev = event(j, peak, p, gap ? AT_PRICE : AT_STOP, STOP);
        int b = newest;
        int oldest = newest;
        while (true) {
            record(bNode[b], ev, k);
            oldest = b;
            if (b == cFirst[q] || bLo[bPrev[b]] >= k) {
                break;
            }
            b = bPrev[b];
        }
        if (oldest != newest) {
            // Buckets that have closed the same trails share what follows: one node for all of them from k on.
            int nd = node(k);
            for (int x = oldest; ; x = bNext[x]) {
                parent[bNode[x]] = nd;
                hi[bNode[x]] = k;
                if (x == newest) {
                    break;
                }
            }
            bNode[oldest] = nd;
            int after = bNext[newest];
            bNext[oldest] = after;
            if (after >= 0) {
                bPrev[after] = oldest;
            } else {
                bTail = oldest;
            }
            cLast[q] = oldest;
        }
        bLo[oldest] = k;
        if (oldest != cFirst[q] && bLo[bPrev[oldest]] == k) {
            int a = bPrev[oldest];
            join(a, oldest);
            cLast[q] = a;
        }
        if (k == tn) {
            // An older position has closed at least what a younger one has: this cohort, and all below it, is done.
            while (bLo[orSpare(bHead)] == tn) {
                removeBottomBucket();
            }
            return;
        }
        push(q);
    }

    /** The oldest open position reaches its time exit: every trail it has open closes at the close. */
    private void timeExit(int j, double close) {
        int q = bFirst[bHead];
        int e = mine[q];
        int ev = event(j, cP[mBot], close, AT_PRICE, TIME);
        timeLo[e] = bLo[bHead];
        timeEv[e] = ev;
        bFirst[bHead]++;
        int end = bNext[bHead] >= 0 ? bFirst[bNext[bHead]] : entered;
        if (bFirst[bHead] == end) {
            removeBottomBucket();
        }
    }

    private void removeBottomBucket() {
        int b = bHead;
        bHead = bNext[b];
        bPrev[orSpare(bHead)] = -1;
        bTail |= bHead >> 31; // none left: no tail either
        if (cLast[mBot] == b) {
            mBot++; // its cohort is empty
        } else {
            cFirst[mBot] = bHead;
        }
    }

    /**
     * Opens the next position at the bar's open {@code e}: every open extreme is at or beyond
     * it, so it goes on top, as a cohort of its own even where the top one's extreme is
     * {@code e} too (108 of e1's 1,051,200 entries: the two meet at the next new extreme, and
     * until then their stops are the same and so are their trades).
     */
    private void enter(double e) {
        int q = entered++;
        int en = mine[q];
        boolean under = bHead >= 0;
        int b = bucket(q, node(0));
        leaf[en] = bNode[b];
        cFirst[mTop] = b;
        cLast[mTop] = b;
        cP[mTop] = e;
        mTop++;
        push(mTop - 1);
        if (under) {
            heapPush(mTop - 2); // no longer the top one
        }
    }

    /**
     * Bucket {@code b}, or for {@code b = -1} (none) the spare slot past the last bucket
     * ({@code m}: a side has at most one bucket an entry), whose lo is never closed: reads and
     * writes there stand in for branches on "nothing open". That happens rarely in the first
     * part of a walk (a wide trail) and then often (a fall), and a branch C2 had compiled as
     * never taken sent both walking threads back to the interpreter until it was compiled again
     * (four times in one run of 100 trails over a year of 1m bars, an entry at every bar).
     */
    private int orSpare(int b) {
        return b + ((b >> 31) & (m + 1));
    }

    private int bucket(int first, int nd) {
        int b = bN++;
        bFirst[b] = first;
        bNode[b] = nd;
        bLo[b] = 0;
        bNext[b] = -1;
        bPrev[b] = bTail;
        bNext[orSpare(bTail)] = b;
        bHead += (b - bHead) & (bTail >> 31); // the first one, if none was open
        bTail = b;
        return b;
    }

    /** Joins bucket {@code b} into the older bucket {@code a} before it (the same cohort, the same lo). */
    private void join(int a, int b) {
        int x = bNode[a];
        int y = bNode[b];
        int lo = bLo[a];
        if (lo0[y] == lo) {
            parent[y] = x; // y has recorded nothing: its entries read x from the start
            hi[y] = lo;
        } else if (lo0[x] == lo) {
            parent[x] = y;
            hi[x] = lo;
            bNode[a] = y;
        } else {
            int nd = node(lo);
            parent[x] = nd;
            parent[y] = nd;
            hi[x] = lo;
            hi[y] = lo;
            bNode[a] = nd;
        }
        int after = bNext[b];
        bNext[a] = after;
        if (after >= 0) {
            bPrev[after] = a;
        } else {
            bTail = a;
        }
    }

    /**
     * Gives cohort {@code q} a fresh id (older heap entries for it become stale) and, unless it
     * is the top cohort, puts it in the heap of nearest stops. The top one changes at almost
     * every bar (entries join it, rallies merge into it, most hits are on it) and is looked at
     * directly instead.
     */
    private void push(int q) {
        cId[q] = ++ids;
        if (q != mTop - 1) {
            heapPush(q);
        }
    }

    private double stopOf(int q) {
        return cP[q] * (1 - d * trail[bLo[cLast[q]]]);
    }

    private void heapPush(int q) {
        heap.push(-d * stopOf(q), q, cId[q]);
        if (heap.size > 2 * (mTop - mBot) + 64) {
            rebuildHeap();
        }
    }

    /*
     * The rare paths (the heap built again, arrays grown) are methods of their own, too large to
     * be inlined where they are called: the hot methods that call them stay small, and so does
     * their compilation, which on two cores competes with the walk itself.
     */

    private void rebuildHeap() {
        // Mostly stale entries: built again from the live cohorts below the top, so the heap stays as small as the stack.
        heap.size = 0;
        for (int r = mBot; r < mTop - 1; r++) {
            if (bLo[cLast[r]] < tn) { // a cohort closed whole by the point being walked waits for the removal below it
                cId[r] = ++ids;
                heap.push(-d * stopOf(r), r, cId[r]);
            }
        }
    }

    /** Drops stale heap tops: cohorts since merged, hit, emptied or replaced. */
    private void clean() {
        while (heap.size > 0) {
            int q = heap.a[0];
            // Live: mBot <= q <= mTop - 2 and not renewed since. One test, not three: below mBot is rare at first, then not.
            if ((((q - mBot) | (mTop - 2 - q)) >>> 31 | cId[q] ^ heap.b[0]) == 0) {
                return;
            }
            heap.pop();
        }
    }

    private int event(int bar, double peak, double price, byte kind, byte why) {
        if (evN == evBar.length) {
            growEvents();
        }
        evBar[evN] = bar;
        evPeak[evN] = peak;
        evPrice[evN] = price;
        evKind[evN] = kind;
        evWhy[evN] = why;
        return evN++;
    }

    /**
     * The next capacity of the events, nodes or records: doubled from 64 up to 4,096, then one an
     * entry at least. The first growths come while the walk is still profiled, so the branch that
     * grows them is compiled as one that is taken (from one an entry it was first taken after C2
     * had compiled it as never taken, and the trap sent the walking threads back to the
     * interpreter); after them as few copies as before.
     */
    private int grown(int size) {
        return size < 4096 ? 2 * size : Math.max(2 * size, entries.size());
    }

    private void growEvents() {
        int cap = grown(evN);
        evBar = Arrays.copyOf(evBar, cap);
        evPeak = Arrays.copyOf(evPeak, cap);
        evPrice = Arrays.copyOf(evPrice, cap);
        evKind = Arrays.copyOf(evKind, cap);
        evWhy = Arrays.copyOf(evWhy, cap);
    }

    private int node(int lo) {
        if (nodeN == parent.length) {
            growNodes();
        }
        parent[nodeN] = nodeN;
        lo0[nodeN] = lo;
        hi[nodeN] = tn;
        recHead[nodeN] = -1;
        recTail[nodeN] = -1;
        return nodeN++;
    }

    private void growNodes() {
        int cap = grown(nodeN);
        parent = Arrays.copyOf(parent, cap);
        lo0 = Arrays.copyOf(lo0, cap);
        hi = Arrays.copyOf(hi, cap);
        recHead = Arrays.copyOf(recHead, cap);
        recTail = Arrays.copyOf(recTail, cap);
    }

    private void record(int nd, int ev, int k) {
        if (recN == recEv.length) {
            growRecords();
        }
        recEv[recN] = ev;
        recK[recN] = k;
        recNext[recN] = -1;
        if (recTail[nd] < 0) {
            recHead[nd] = recN;
        } else {
            recNext[recTail[nd]] = recN;
        }
        recTail[nd] = recN++;
    }

    private void growRecords() {
        int cap = grown(recN);
        recEv = Arrays.copyOf(recEv, cap);
        recK = Arrays.copyOf(recK, cap);
        recNext = Arrays.copyOf(recNext, cap);
    }

    /** One reader's place in the tree: configurations are read tightest first, so every cursor only moves forward. */
    final class Cursor {
        final int[] at;
        final int[] rec;
        /** The first trail it may read next. */
        int next;

        /**
         * At each entry's node for trail {@code from - 1}. A cursor then climbs a trail at a time, but
         * to start at a wide trail it climbs every merge below it (the widest of e1's: about 26
         * steps an entry); here each node met on the way remembers where it leads (its node for
         * that trail, plus one), so each step is taken once, not once an entry.
         */
        Cursor(int from) {
            at = leaf.clone();
            rec = Arrays.copyOf(recHead, nodeN);
            next = from;
            // Up to the trail before: the read of the first leaves the last step to readRun's own climb, which is then
            // compiled as one that climbs (compiled while it never did, it trapped at the run's next trail).
            int below = from - 1;
            int[] up = below < 0 ? null : new int[nodeN];
            for (int e = 0; below >= 0 && e < at.length; e++) {
                int x = at[e];
                while (below >= hi[x]) {
                    if (up[x] != 0) {
                        x = up[x] - 1;
                        break;
                    }
                    x = parent[x];
                }
                for (int z = at[e]; below >= hi[z] && up[z] == 0; z = parent[z]) {
                    up[z] = x + 1;
                }
                at[e] = x;
            }
        }
    }

    Cursor cursor(int from) {
        return new Cursor(from);
    }

    /**
     * The trades of the group's {@code t}-th trail (tightest first), into {@code out} (reset for
     * these entries; only the exits and the configuration's fee and slippage are written).
     * {@code t} must not be below the cursor's last one.
     *
     * <p>What a sweep reads is written (exit bar, return, reason) and the per-trade statistics
     * are added up on the way, in entry order; the exit times, prices and extremes are left to
     * be read again when first asked for ({@link #complete}). The statistics' drawdown walks the
     * returns in exit order, which is entry order whenever the exit bars never fall from one
     * entry to the next (entries of one direction: an older position closes a trail no later
     * than a younger one); that is checked here, and where it fails the summary is counted when
     * asked, as before.
     */
    void expand(Cursor cur, int t, TrailingConfig c, Trades out) {
        if (t < cur.next) {
            throw new IllegalStateException("trail " + t + " read after trail " + (cur.next - 1) + ": a cursor only moves forward");
        }
        out.use(c);
        out.barTimes = true;
        out.lazy(this, t, read(cur, t, c.trail(), c.fee(), c.slippage(), out));
        cur.next = t + 1;
    }

    /**
     * Writes the columns of the trades of trail {@code t} that {@link #expand} left out (exit
     * times, prices, extremes), read again from a cursor of its own: a loop of its own, so that
     * the sweep's compiled {@link #read} never meets it.
     */
    void complete(Trades out, int t) {
        final int n = entries.size();
        final Cursor cur = new Cursor(t);
        final int[] at = cur.at;
        final int[] rec = cur.rec;
        final long[] openTime = bars.openTime();
        final double tr = trail[t];
        final double slip = out.slippage();
        final boolean timed = maxBars > 0;
        for (int e = 0; e < n; e++) {
            int ev;
            if (timed && t >= timeLo[e]) {
                ev = timeEv[e];
            } else {
                int x = climb(hi, parent, at[e], t);
                int r = recordFor(recK, recNext, rec[x], t);
                rec[x] = r;
                ev = recEv[r];
            }
            out.exitTime[e] = openTime[evBar[ev]];
            out.exitPrice[e] = fill(ev, out.sign[e], tr, slip);
            out.peak[e] = evPeak[ev];
        }
    }

    /**
     * Reads trail {@code t}'s trades back (what a sweep reads); returns their statistics as {@link RunSummary#ofOrdered} would give them, or null where the
     * exits are not in entry order (or a sum is not finite).
     *
     * <p>By runs of {@link #READ_RUN} entries, each one call: a sweep calls this once per
     * configuration, and a loop over every entry left each thread's first call running long
     * enough to be compiled on stack before its loop had ever ended. That compile trapped at
     * the end, and so did the next, compiled from the same profile (four traps and five C2
     * compiles of 20 to 50 ms in one run over a year of 1m bars, an entry at every bar).
     */
    private RunSummary read(Cursor cur, int t, double tr, double fee, double slip, Trades out) {
        final int n = entries.size();
        ReadSums s = new ReadSums();
        for (int e = 0; e < n; e += READ_RUN) {
            readRun(cur, t, tr, fee, slip, out, s, e, Math.min(n, e + READ_RUN));
        }
        return s.inOrder && Double.isFinite(s.total) ? RunSummary.ofSums(n, s.wins, s.total, s.gains, s.losses, s.drawdown) : null;
    }

    private static final int READ_RUN = 4096;

    /** What {@link #read} carries from one run of entries to the next: the sums, and the last node and event read. */
    private static final class ReadSums {
        int lastNode = -1;
        int nodeEv = -1;
        int lastEv = -1;
        int lastSign;
        double fill;
        int bar;
        byte why;
        int wins;
        double total;
        double gains;
        double losses;
        double high;
        double drawdown;
        int prevBar = Integer.MIN_VALUE;
        boolean inOrder = true;
    }

    /** Entries {@code [from, to)} of {@link #read}. */
    private void readRun(Cursor cur, int t, double tr, double fee, double slip, Trades out, ReadSums s, int from, int to) {
        final int[] at = cur.at;
        final int[] rec = cur.rec;
        final int[] sign = out.sign;
        final double[] entryPrice = out.entryPrice;
        final int[] exitBar = out.exitBar;
        final double[] netReturn = out.netReturn;
        final byte[] reason = out.reason;
        final int[] tLo = timeLo;
        final int[] tEv = timeEv;
        final int[] hiN = hi;
        final int[] par = parent;
        final int[] rK = recK;
        final int[] rNext = recNext;
        final int[] rEv = recEv;
        final int[] eBar = evBar;
        final byte[] eWhy = evWhy;
        // Neighbours in entry order mostly share a node (a bucket is a run of entries): its exit is read once.
        int lastNode = s.lastNode;
        int nodeEv = s.nodeEv;
        int lastEv = s.lastEv;
        int lastSign = s.lastSign;
        double fill = s.fill;
        int bar = s.bar;
        byte why = s.why;
        int wins = s.wins;
        double total = s.total;
        double gains = s.gains;
        double losses = s.losses;
        double high = s.high;
        double drawdown = s.drawdown;
        int prevBar = s.prevBar;
        boolean inOrder = s.inOrder;
        final boolean timed = maxBars > 0;
        final int oneSign = this.oneSign;
        for (int e = from; e < to; e++) {
            int ev;
            if (timed && t >= tLo[e]) {
                ev = tEv[e];
            } else {
                int x = climb(hiN, par, at[e], t);
                at[e] = x;
                if (x == lastNode) {
                    ev = nodeEv;
                } else {
                    int r = recordFor(rK, rNext, rec[x], t);
                    rec[x] = r;
                    ev = rEv[r];
                    lastNode = x;
                    nodeEv = ev;
                }
            }
            int d = oneSign != 0 ? oneSign : sign[e];
            if (ev != lastEv || d != lastSign) {
                fill = fill(ev, d, tr, slip);
                bar = eBar[ev];
                why = eWhy[ev];
                lastEv = ev;
                lastSign = d;
            }
            double r = Returns.net(d, entryPrice[e], fill, fee);
            exitBar[e] = bar;
            netReturn[e] = r;
            reason[e] = why;
            // RunSummary.ofOrdered's sums, in its order: the returns in entry order, and (exits in entry order) their running sum.
            // With every partial sum finite (checked below: a sum once infinite or NaN stays so) no return is NaN, and these
            // steps give ofOrdered's to the bit: x + 0 and x - 0 are x for x >= +0, max(r, 0) is +0 for r = -0. No branch on
            // a return's sign: the first trails read (the tightest) lose on almost every trade, and a branch compiled for them
            // alone would be compiled again for the others, after a trap.
            total += r;
            wins += (Long.signum(Double.doubleToRawLongBits(r)) + 1) >> 1; // 1 for r > 0: its bits are a positive long (-0's are not)
            gains += Math.max(r, 0.0);
            losses -= Math.min(r, 0.0);
            // ofOrdered's Math.max, as a comparison (the highs are never -0, nor is a fall: high - total is -0 only for high -0):
            // C2 compiles Math.max(double) to a blend whose latency lies on both running chains (read back 25% slower).
            high = total > high ? total : high;
            double fall = high - total;
            drawdown = fall > drawdown ? fall : drawdown;
            inOrder &= bar >= prevBar;
            prevBar = bar;
        }
        s.lastNode = lastNode;
        s.nodeEv = nodeEv;
        s.lastEv = lastEv;
        s.lastSign = lastSign;
        s.fill = fill;
        s.bar = bar;
        s.why = why;
        s.wins = wins;
        s.total = total;
        s.gains = gains;
        s.losses = losses;
        s.high = high;
        s.drawdown = drawdown;
        s.prevBar = prevBar;
        s.inOrder = inOrder;
    }

    /*
     * The two climbs of a read-back, as calls: loops inside readRun's loop gave it loop heads of
     * their own, and C2 compiled it on stack at each one it met first (three, 35 to 67 ms each, in
     * one e1 run), while the accounts waited in C1's code for their compile.
     */

    /** The node trail {@code t} is read from: {@code x}'s own, or the first ancestor's still open for it. */
    private static int climb(int[] hi, int[] parent, int x, int t) {
        while (t >= hi[x]) {
            x = parent[x];
        }
        return x;
    }

    /** The record trail {@code t} exits at, from a node's record {@code r} on. */
    private static int recordFor(int[] recK, int[] recNext, int r, int t) {
        while (recK[r] <= t) {
            r = recNext[r];
        }
        return r;
    }

    /** The exit fill of a position of direction {@code d} at event {@code ev}: the engine's stop at that extreme (a continuous move fills at the stop), else the price itself. */
    private double fill(int ev, int d, double tr, double slip) {
        // One or the other, bit for bit, without a branch: which kind the first trails read meet is not the others' mix.
        long atPrice = -(long) evKind[ev]; // all ones at a price, zero at a stop
        long stop = Double.doubleToRawLongBits(evPeak[ev] * (1 - d * tr));
        long price = Double.doubleToRawLongBits(evPrice[ev]);
        double trigger = Double.longBitsToDouble(stop & ~atPrice | price & atPrice);
        return Returns.exitFill(d, trigger, slip);
    }
}
