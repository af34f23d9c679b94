package io.ratchet.backtest.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ratchet.engine.Bars;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The account's walk (positions queued by exit, runs between events read from the table of
 * closes) gives, to the bit, what the contract's rule gives bar by bar, written out here as
 * plainly as it reads: at each bar the entries in order, then the bar's exits (in entry order),
 * then the mark at the close, cash plus the open positions' {@code A + B close}; the running
 * peak, the fall from it and the time under it at every close. Random positions, not a
 * kernel's: exits in any order against their entries, several at one bar, shorts, a max-open
 * that skips, closes rounded so that the equity ties its peak, a first entry some bars after the
 * range's first (an out-of-sample part, an entry rule's first signal): those bars are marked at
 * the capital like any other. The daily returns, Sharpe and Sortino are the rule's too.
 */
class AccountRuleTest {
    static LongStream seeds() {
        return LongStream.rangeClosed(1, 80);
    }

    /** One seed's bars, positions and account (the positions' columns as well, for the rule). */
    record Case(Bars bars, Positions pos, AccountSpec spec, int offset, int n, long step, long[] open, double[] close, int count, int[] in,
                int[] out, int[] sign, double[] entry, double[] ret, double fee, double slip) {
    }

    static Case scenario(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int offset = r.nextInt(50);
        int n = 300 + r.nextInt(3_000);
        long step = 3_600_000L;
        long[] open = new long[offset + n];
        double[] close = new double[offset + n];
        double p = 100;
        boolean round = r.nextBoolean();
        for (int i = 0; i < open.length; i++) {
            open[i] = 1_704_067_200_000L + step * i;
            p = Math.max(1, p * (1 + 0.01 * (r.nextDouble() * 2 - 1)));
            close[i] = round ? Math.rint(p) : p; // whole prices: closes repeat, and the equity ties its peak
        }
        Bars bars = new Bars(open, close.clone(), close.clone(), close.clone(), close, offset, offset + n);
        int every = 1 + r.nextInt(30);
        int first = offset + (r.nextInt(3) == 0 ? 0 : r.nextInt(Math.min(n / 2, 3 * every + 48)));
        int count = 0;
        int[] in = new int[n * 2];
        for (int i = first; i < offset + n; i += every) {
            for (int k = r.nextInt(4) == 0 ? 2 : 1; k > 0; k--) {
                in[count++] = i;
            }
        }
        in = Arrays.copyOf(in, count);
        int[] out = new int[count];
        int[] sign = new int[count];
        double[] entry = new double[count];
        double[] ret = new double[count];
        boolean[] end = new boolean[count];
        double fee = r.nextInt(3) * 0.0005;
        double slip = r.nextBoolean() ? 0 : 0.0003;
        for (int k = 0; k < count; k++) {
            int hold = r.nextInt(5) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 3 * every : 200); // 0: out in the entry bar
            out[k] = Math.min(offset + n - 1, in[k] + hold);
            end[k] = out[k] == offset + n - 1 && r.nextBoolean();
            sign[k] = r.nextInt(4) == 0 ? -1 : 1;
            entry[k] = close[Math.max(offset, in[k] - 1)];
            ret[k] = 0.05 * (r.nextDouble() * 2 - 1);
        }
        Positions pos = AccountTest.positions(in, out, sign, entry, ret, end, fee, slip);
        AccountSpec spec = new AccountSpec(10_000, r.nextBoolean() ? Stake.percent(5 + r.nextInt(30)) : Stake.of(500 + r.nextInt(1000)),
                1 + r.nextInt(12));
        return new Case(bars, pos, spec, offset, n, step, open, close, count, in, out, sign, entry, ret, fee, slip);
    }

    /** The seeds do skip entries for both reasons, so that the rule's counts below are tested on something. */
    @org.junit.jupiter.api.Test
    void theSeedsSkipEntriesForBothReasons() {
        long full = seeds().filter(seed -> {
            Case c = scenario(seed);
            return Account.figures(c.bars(), Days.of(c.bars()), c.pos(), c.spec(), null).skippedMaxOpen() > 0;
        }).count();
        long shortOfCash = seeds().filter(seed -> {
            Case c = scenario(seed);
            return Account.figures(c.bars(), Days.of(c.bars()), c.pos(), c.spec(), null).skippedNoCash() > 0;
        }).count();
        assertTrue(full >= 10, full + " seeds skip entries that find max-open positions");
        assertTrue(shortOfCash >= 10, shortOfCash + " seeds skip entries short of cash");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theWalkIsTheBarByBarRuleToTheBit(long seed) {
        Case c = scenario(seed);
        Bars bars = c.bars();
        Positions pos = c.pos();
        AccountSpec spec = c.spec();
        int offset = c.offset();
        int n = c.n();
        long step = c.step();
        long[] open = c.open();
        double[] close = c.close();
        int count = c.count();
        int[] in = c.in();
        int[] out = c.out();
        int[] sign = c.sign();
        double[] entry = c.entry();
        double[] ret = c.ret();
        double fee = c.fee();
        double slip = c.slip();
        Account.Run run = Account.run(bars, pos, spec);

        // The rule, bar by bar.
        double cash = spec.capital();
        double a = 0;
        double b = 0;
        double last = spec.capital();
        boolean[] taken = new boolean[count];
        boolean[] isOpen = new boolean[count];
        double[] da = new double[count];
        double[] db = new double[count];
        double[] back = new double[count];
        int nOpen = 0;
        int skippedFull = 0;
        int skippedShort = 0;
        double[] equity = new double[n];
        double peak = spec.capital();
        long peakTime = open[offset];
        double dd = 0;
        long under = 0;
        double[] daily = new double[n];
        int days = 0;
        double dayStart = spec.capital();
        int k = 0;
        for (int i = offset; i < offset + n; i++) {
            for (; k < count && in[k] == i; k++) {
                double stake = spec.stake().size(last);
                if (nOpen >= spec.maxOpen()) {
                    skippedFull++;
                    continue;
                }
                if (!(stake > 0) || stake > cash * (1 + 1e-12)) {
                    skippedShort++;
                    continue;
                }
                double nq = stake / (1 + fee);
                cash -= stake;
                da[k] = nq * (1 - sign[k]);
                db[k] = nq * (1 - sign[k] * slip) * (sign[k] - fee) / entry[k];
                a += da[k];
                b += db[k];
                back[k] = nq * (1 + ret[k] + fee);
                taken[k] = true;
                isOpen[k] = true;
                nOpen++;
            }
            for (int q = 0; q < k; q++) {
                if (isOpen[q] && out[q] == i) {
                    isOpen[q] = false;
                    nOpen--;
                    cash += back[q];
                    a -= da[q];
                    b -= db[q];
                }
            }
            if (nOpen == 0) {
                a = 0;
                b = 0;
            }
            double base = cash + a;
            double eq = base + b * close[i];
            equity[i - offset] = eq;
            last = eq;
            long t = open[i] + step;
            if (eq < peak) {
                under = Math.max(under, t - peakTime);
            } else {
                peak = eq;
                peakTime = t;
            }
            dd = Math.max(dd, (peak - eq) / peak);
            if (i == offset + n - 1 || Math.floorDiv(open[i + 1], Days.DAY) != Math.floorDiv(open[i], Days.DAY)) {
                daily[days++] = eq / dayStart - 1; // the day's last bar close against the last day's (the capital before the first)
                dayStart = eq;
            }
        }
        daily = Arrays.copyOf(daily, days);
        double mean = Arrays.stream(daily).sum() / days;
        double var = Arrays.stream(daily).map(x -> (x - mean) * (x - mean)).sum() / (days - 1);
        double downside = Math.sqrt(Arrays.stream(daily).map(x -> Math.min(x, 0) * Math.min(x, 0)).sum() / days);
        double sharpe = mean / Math.sqrt(var) * Math.sqrt(365);
        double sortino = mean / downside * Math.sqrt(365);
        String at = "seed " + seed;
        assertTrue(Arrays.equals(taken, run.taken()), at + ": taken");
        for (int i = 0; i < n; i++) {
            assertEquals(Double.doubleToRawLongBits(equity[i]), Double.doubleToRawLongBits(run.equity()[i]), at + ": equity at bar " + i);
        }
        AccountFigures f = Account.figures(bars, Days.of(bars), pos, spec, null);
        assertEquals(f, run.figures(), at + ": figures and run");
        assertEquals(Double.doubleToRawLongBits(100 * (peak > 0 ? Math.min(1, dd) : 1)), Double.doubleToRawLongBits(f.maxDrawdownPct()),
                at + ": max drawdown");
        assertEquals(Double.doubleToRawLongBits((double) under / Days.DAY), Double.doubleToRawLongBits(f.maxDrawdownDays()), at + ": time under water");
        assertEquals(Double.doubleToRawLongBits(cash), Double.doubleToRawLongBits(f.finalEquity()), at + ": final equity");
        assertEquals(skippedFull, f.skippedMaxOpen(), at + ": entries that found max-open positions");
        assertEquals(skippedShort, f.skippedNoCash(), at + ": entries short of cash");
        assertEquals(days, f.days(), at + ": days");
        for (int d = 0; d < days; d++) {
            assertEquals(Double.doubleToRawLongBits(daily[d]), Double.doubleToRawLongBits(run.daily()[d]), at + ": return of day " + d);
        }
        // Sums in another order than the walk's: equal to rounding, not to the bit.
        assertEquals(sharpe, f.sharpe(), 1e-9 * Math.abs(sharpe), at + ": Sharpe");
        assertEquals(sortino, f.sortino(), 1e-9 * Math.abs(sortino), at + ": Sortino");
    }

    /** The seeds do start entries after the range's first bar, for the rule's marks of the bars before them to be tested. */
    @org.junit.jupiter.api.Test
    void theSeedsStartEntriesLate() {
        long late = seeds().filter(seed -> {
            Case c = scenario(seed);
            return c.in()[0] > c.offset() + 24;
        }).count();
        assertTrue(late >= 20, late + " seeds enter first more than a day after the range's first bar");
    }
}
