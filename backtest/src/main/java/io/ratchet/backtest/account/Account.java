package io.ratchet.backtest.account;

import io.ratchet.engine.Bars;

/**
 * Runs one configuration's trades through an account, in time order, marking it to market at
 * every bar close. The trades come as they are (entry and exit bar, the contract's net
 * return); the bars are read for their closes only, and only while a position is open, so a
 * configuration costs O(runs between events + trades + days), plus one move in the exit queue for
 * each open position a new one exits before (at most maxOpen an entry, mostly none), and no stop
 * is walked twice.
 *
 * <p>Why a sum, not a loop over open positions: a position of notional {@code N} entered at
 * {@code E}, valued as if closed at price {@code p} (the contract's fill and fees), is worth
 * {@code N (1 - d) + p N (1 - d slip)(d - fee) / E}, linear in {@code p}. The open positions'
 * worth is therefore {@code A + B p} with {@code A}, {@code B} kept as positions open and close.
 */
public final class Account {
    private static final double ANNUAL = Math.sqrt(365);
    private Account() {
    }

    /** Receives each UTC day's return of the equity. */
    public interface DailySink {
        void day(long epochDay, double ret);
    }

    /** A run with everything kept: the equity at each bar close, the daily returns, which entries were taken. */
    public record Run(AccountFigures figures, long[] time, double[] equity, long[] dayTime, double[] daily, boolean[] taken) {
    }

    /** The figures only, for a sweep: nothing per bar is kept. */
    public static AccountFigures figures(Bars bars, Days days, Positions p, AccountSpec spec, DailySink sink) {
        return walk(bars, days, p, spec, sink, null, null, null);
    }

    public static Run run(Bars bars, Positions p, AccountSpec spec) {
        Days days = Days.of(bars);
        double[] equity = new double[bars.size()];
        double[] daily = new double[days.count()];
        boolean[] taken = new boolean[p.size()];
        AccountFigures f = walk(bars, days, p, spec, null, equity, daily, taken);
        long spacing = days.spacing;
        long[] time = new long[bars.size()];
        for (int i = 0; i < time.length; i++) {
            time[i] = bars.openTime()[bars.from() + i] + spacing;
        }
        long[] dayTime = new long[days.count()];
        for (int d = 0; d < dayTime.length; d++) {
            dayTime[d] = days.epochDay(d) * Days.DAY;
        }
        return new Run(f, time, equity, dayTime, daily, taken);
    }

    private static AccountFigures walk(Bars bars, Days days, Positions p, AccountSpec spec, DailySink sink,
                                       double[] curve, double[] dailyOut, boolean[] takenOut) {
        final int from = bars.from();
        final int to = bars.to();
        final int n = p.size();
        final double[] close = bars.close();
        final long[] openTime = bars.openTime();
        final long spacing = days.spacing;
        OpenPositions book = new OpenPositions(Math.min(16, Math.min(n, spec.maxOpen())));
        double cash = spec.capital();
        double a = 0;
        double b = 0;
        double lastEquity = spec.capital();
        Drawdown dd = new Drawdown(spec.capital(), from < to ? openTime[from] : 0);
        int exposed = 0;
        int maxConcurrent = 0;
        int taken = 0;
        int skippedMax = 0;
        int skippedCash = 0;
        int endExits = 0;
        DayTally tally = new DayTally(days, spec.capital(), sink, dailyOut);
        int k = n > 0 && p.entryBar(0) < from ? after(p, 0, n, from - 1) : 0; // entries before these bars are never this range's
        int nextEntry = k < n ? p.entryBar(k) : Integer.MAX_VALUE;
        int nextExit = Integer.MAX_VALUE;
        int counted = from - 1; // the last bar whose exposure is counted
        int i = from;
        // One loop head, each pass one event or one run (the day ends are read by a call): a sweep calls this once per
        // configuration, so it runs compiled on stack, and C2 compiled it again for each loop head it met first (up to three,
        // 100 to 160 ms each, on the thread the walks and reads wait for). At each bar its entries come first, then its exits.
        while (i < to) {
            if (i == nextEntry) {
                // The last bar whose entries are skipped with this one, if it is: full until the next exit (whose bar's
                // entries still come before it), or short of cash until that exit pays back, unless the equity moves a
                // stake of equity to fit first. The entries between are skipped at once: an entry at every bar otherwise
                // cost a pass each (87,000 of the 525,600 of a year of 1m bars short of cash, measured).
                int through = -1;
                boolean full = book.size >= spec.maxOpen();
                if (full) {
                    through = nextExit;
                } else {
                    // The quote spent includes the entry fee (Binance's quoteOrderQty): notional = stake / (1 + fee).
                    double stake = spec.stake().size(lastEquity);
                    if (!(stake > 0) || stake > cash * (1 + 1e-12)) {
                        int until = Math.min(nextExit, to);
                        through = spec.stake().compounding() ? fitting(cash + a, b, cash, spec.stake(), close, i, until - 1, days.blocks) : until;
                    } else {
                        double fee = p.fee(k);
                        double nq = stake / (1 + fee);
                        int d = p.sign(k);
                        int slot = book.add(p.exitBar(k), k);
                        cash -= stake;
                        double da = nq * (1 - d);
                        double db = nq * (1 - d * p.slippage(k)) * (d - fee) / p.entryPrice(k);
                        book.da[slot] = da;
                        book.db[slot] = db;
                        a += da;
                        b += db;
                        // What the exit pays back: N (1 + r + fee), the contract's r net of both fees.
                        book.exitCash[slot] = nq * (1 + p.netReturn(k) + fee);
                        endExits += p.endExits(k);
                        nextExit = book.nextExit();
                        taken++;
                        if (takenOut != null) {
                            takenOut[k] = true;
                        }
                    }
                }
                if (through >= 0) {
                    int past = after(p, k, n, through);
                    if (full) {
                        skippedMax += past - k;
                    } else {
                        skippedCash += past - k;
                    }
                    k = past;
                } else {
                    k++;
                }
                nextEntry = entryAt(p, k, n);
                continue;
            }
            if (counted < i) {
                counted = i;
                if (book.size > 0) {
                    exposed++;
                    maxConcurrent = Math.max(maxConcurrent, book.size);
                }
            }
            if (i == nextExit) {
                int q = book.pop();
                nextExit = book.nextExit();
                cash += book.exitCash[q];
                a -= book.da[q];
                b -= book.db[q];
                continue;
            }
            if (book.size == 0) {
                a = 0; // no drift left behind by the sums once nothing is open
                b = 0;
            }
            // Bars up to the next event: cash, A and B stay put, only the close moves (nothing open: A and B are 0, the
            // equity the cash, to the bit).
            int stop = Math.min(to, Math.min(nextEntry, nextExit));
            if (book.size > 0) {
                exposed += stop - i - 1; // the event bar was counted above
            }
            double base = cash + a;
            if (curve != null) {
                mark(curve, from, base, b, close, i, stop);
            }
            // The run's drawdown in one read, day ends or not (its figures do not depend on where the run is cut).
            if (stop - i == 1 || book.size == 0) {
                // One bar between events (a tight trail over dense entries: most of its bars): the rule for that bar alone. Or
                // nothing open (B is 0: every close of the run is worth the cash, to the bit): the run's first close is below
                // the peak, or it is the new peak and each later close ties it; either way the rule leaves what it leaves
                // after the last close alone. So are the bars before the first entry, at the capital: the time under water
                // counts from the last of them (an out-of-sample part, or an entry rule, whose first entry comes late).
                dd.one(base + b * close[stop - 1], openTime[stop - 1] + spacing);
            } else {
                dd.marks(base, b, close, openTime, spacing, i, stop, days.blocks);
            }
            // Each day's value read off the same line: a day end is a close to read, not a cut of the run.
            tally.upTo(stop, base, b, close);
            lastEquity = base + b * close[stop - 1];
            i = stop;
        }
        int nDays = tally.count;
        double sumR = tally.sum;
        double sumR2 = tally.sum2;
        double down2 = tally.down2;
        double maxDd = dd.peak > 0 ? Math.min(1, dd.maxDd()) : 1;
        long longestUnder = dd.longestUnder();
        double capital = spec.capital();
        double growth = lastEquity / capital;
        double years = days.span / (365.25 * Days.DAY);
        double cagr = !(years > 0) ? Double.NaN : growth <= 0 ? -100 : 100 * (Math.pow(growth, 1 / years) - 1);
        double mean = nDays > 0 ? sumR / nDays : Double.NaN;
        double var = nDays > 1 ? (sumR2 - nDays * mean * mean) / (nDays - 1) : Double.NaN;
        if (var <= 1e-14 * sumR2 / Math.max(1, nDays)) {
            var = 0; // equal days, up to rounding: no risk measured, no Sharpe
        }
        double sd = Math.sqrt(var);
        double sharpe = sd > 0 ? mean / sd * ANNUAL : Double.NaN;
        double downside = nDays > 0 ? Math.sqrt(down2 / nDays) : Double.NaN;
        double sortino = downside > 0 ? mean / downside * ANNUAL : Double.NaN;
        double ddPct = 100 * maxDd;
        return new AccountFigures(capital, lastEquity, 100 * (growth - 1), cagr, ddPct, (double) longestUnder / Days.DAY, sharpe, sortino,
                ddPct > 0 ? cagr / ddPct : Double.NaN, to > from ? 100.0 * exposed / (to - from) : 0, maxConcurrent, n, taken,
                skippedMax + skippedCash, skippedMax, skippedCash, endExits, nDays);
    }

    private static void mark(double[] curve, int from, double base, double b, double[] close, int i, int stop) {
        for (int j = i; j < stop; j++) {
            curve[j - from] = base + b * close[j];
        }
    }

    /** Each UTC day's return of the equity, read at the day's last bar close, and their sums. */
    private static final class DayTally {
        private final Days days;
        private final DailySink sink;
        private final double[] out;
        private int day;
        private int nextEnd;
        private double start;
        int count;
        double sum;
        double sum2;
        double down2;

        DayTally(Days days, double capital, DailySink sink, double[] out) {
            this.days = days;
            this.sink = sink;
            this.out = out;
            nextEnd = days.lastBar[0];
            start = capital;
        }

        /** The day ends before bar {@code stop}, on a run whose equity is {@code base + b close}. */
        void upTo(int stop, double base, double b, double[] close) {
            while (nextEnd < stop) {
                double eq = base + b * close[nextEnd];
                double r = start > 0 ? eq / start - 1 : 0;
                start = eq;
                if (out != null) {
                    out[day] = r;
                }
                if (sink != null) {
                    sink.day(days.epochDay[day], r);
                }
                count++;
                sum += r;
                sum2 += r * r;
                // Without a branch: whether a day is down is as likely as not, and a day's r is never NaN (start > 0, closes
                // are finite); a day at or above zero adds +0.0.
                double down = Math.min(r, 0.0);
                down2 += down * down;
                day++;
                nextEnd = days.lastBar[day];
            }
        }
    }

    /**
     * The first bar {@code m} in {@code [from, to]} at whose close an entry's stake would fit
     * the cash (an account worth {@code base + b close[m]}, as at that close), or {@code to + 1}:
     * an entry at bar {@code m + 1} is the first that may be taken. Aligned blocks whose every
     * close gives a stake that does not fit are passed whole: the stake is monotone in the close
     * (each step rounds monotonically), so it lies between those of the block's lowest and
     * highest close. Each bar not passed is asked exactly what the walk asks an entry.
     */
    private static int fitting(double base, double b, double cash, Stake stake, double[] close, int from, int to, CloseBlocks blocks) {
        double limit = cash * (1 + 1e-12);
        int end = to + 1; // m < end, not m <= to: C2 guards the latter against overflow with a check that traps
        int m = from;
        while (m < end) {
            int blk = (m - blocks.origin) >> CloseBlocks.SHIFT;
            int start = blocks.origin + (blk << CloseBlocks.SHIFT);
            if (m == start && blk < blocks.min.length && start + CloseBlocks.SIZE <= end) {
                double s1 = stake.size(base + b * blocks.min[blk]);
                double s2 = stake.size(base + b * blocks.max[blk]);
                if (s1 > limit && s2 > limit || !(s1 > 0) && !(s2 > 0)) {
                    m = start + CloseBlocks.SIZE;
                    continue;
                }
            }
            double s = stake.size(base + b * close[m]);
            if (s > 0 && !(s > limit)) {
                return m;
            }
            m++;
        }
        return to + 1;
    }

    /**
     * Position {@code k}'s entry bar, or {@code Integer.MAX_VALUE} past the last ({@code n > 0}),
     * without a branch: a sweep's first configurations never skip to the end, and a branch
     * compiled for them alone would be compiled again for the first that does.
     */
    private static int entryAt(Positions p, int k, int n) {
        int bar = p.entryBar(Math.min(k, n - 1));
        int past = (n - 1 - k) >> 31; // all ones once k >= n
        return bar & ~past | Integer.MAX_VALUE & past;
    }

    /** The first position from {@code k} entered after bar {@code bar} (entries are in bar order): galloping, then bisection. */
    private static int after(Positions p, int k, int n, int bar) {
        int lo = k;
        int step = 1;
        int hi = k + 1;
        while (hi < n && p.entryBar(hi) <= bar) {
            lo = hi;
            step <<= 1;
            hi = (int) Math.min(n, (long) k + step);
        }
        hi = Math.min(hi, n);
        // p.entryBar(lo) <= bar (lo == k holds an entry at the current bar); hi is past or n
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (p.entryBar(mid) <= bar) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + 1;
    }
}
