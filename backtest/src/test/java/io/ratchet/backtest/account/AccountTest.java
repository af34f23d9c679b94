package io.ratchet.backtest.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ratchet.backtest.Backtest;
import io.ratchet.backtest.BacktestResult;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TrailingConfig;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccountTest {
    static final long DAY = 86_400_000L;

    /** Daily bars from 2024-01-01 with the given opens and closes (highs and lows at their extremes). */
    static Bars daily(double[] open, double[] close) {
        int n = open.length;
        long[] t = new long[n];
        double[] h = new double[n];
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_704_067_200_000L + i * DAY;
            h[i] = Math.max(open[i], close[i]);
            l[i] = Math.min(open[i], close[i]);
        }
        return Bars.of(t, open, h, l, close);
    }

    /** Hand-made trades: entry bar, exit bar, entry price, net return; no fee, no slippage unless given. */
    static Positions trades(int[] in, int[] out, double[] entry, double[] ret, boolean[] end, double fee) {
        return new Positions() {
            public int size() {
                return in.length;
            }

            public int entryBar(int k) {
                return in[k];
            }

            public int exitBar(int k) {
                return out[k];
            }

            public int sign(int k) {
                return 1;
            }

            public double entryPrice(int k) {
                return entry[k];
            }

            public double netReturn(int k) {
                return ret[k];
            }

            public boolean endExit(int k) {
                return end[k];
            }

            public double fee(int k) {
                return fee;
            }

            public double slippage(int k) {
                return 0;
            }
        };
    }

    /** Hand-made trades with every field given. */
    static Positions positions(int[] in, int[] out, int[] sign, double[] entry, double[] ret, boolean[] end, double fee, double slippage) {
        return new Positions() {
            public int size() {
                return in.length;
            }

            public int entryBar(int k) {
                return in[k];
            }

            public int exitBar(int k) {
                return out[k];
            }

            public int sign(int k) {
                return sign[k];
            }

            public double entryPrice(int k) {
                return entry[k];
            }

            public double netReturn(int k) {
                return ret[k];
            }

            public boolean endExit(int k) {
                return end[k];
            }

            public double fee(int k) {
                return fee;
            }

            public double slippage(int k) {
                return slippage;
            }
        };
    }

    @Test
    void compoundingByHand() {
        Bars b = daily(new double[] {100, 100, 110, 100, 90}, new double[] {100, 110, 120, 90, 99});
        // A: bar 0 at 100 to bar 2 at 120 (+20%); B: bar 3 at 100 to bar 4 at 99 (-1%).
        Positions p = trades(new int[] {0, 3}, new int[] {2, 4}, new double[] {100, 100}, new double[] {0.2, -0.01}, new boolean[2], 0);
        Account.Run run = Account.run(b, p, new AccountSpec(1000, Stake.percent(50), 10));
        // A: 500 of 1000 -> 5 units; B: 50% of the 1100 at bar 2's close = 550 -> 5.5 units.
        double[] equity = {500 + 5 * 100, 500 + 5 * 110, 1100, 550 + 5.5 * 90, 550 + 5.5 * 99};
        assertThat(run.equity()).containsExactly(equity, within(1e-9));
        AccountFigures f = run.figures();
        assertThat(f.finalEquity()).isCloseTo(1094.5, within(1e-9));
        assertThat(f.returnPct()).isCloseTo(9.45, within(1e-9));
        assertThat(f.maxDrawdownPct()).isCloseTo(100 * (1 - 1045.0 / 1100), within(1e-9));
        assertThat(f.maxDrawdownDays()).isCloseTo(2, within(1e-9)); // from bar 2's close to bar 4's, the last close (still below it)
        double[] r = {0, 1050.0 / 1000 - 1, 1100.0 / 1050 - 1, 1045.0 / 1100 - 1, 1094.5 / 1045 - 1};
        assertThat(run.daily()).containsExactly(r, within(1e-12));
        double mean = (r[0] + r[1] + r[2] + r[3] + r[4]) / 5;
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        assertThat(f.sharpe()).isCloseTo(mean / Math.sqrt(ss / 4) * Math.sqrt(365), within(1e-9));
        assertThat(f.sortino()).isCloseTo(mean / Math.sqrt(r[3] * r[3] / 5) * Math.sqrt(365), within(1e-9));
        double years = 5.0 / 365.25;
        double cagr = 100 * (Math.pow(1.0945, 1 / years) - 1);
        assertThat(f.cagrPct()).isCloseTo(cagr, within(1e-6 * cagr));
        assertThat(f.calmar()).isCloseTo(cagr / f.maxDrawdownPct(), within(1e-6 * cagr));
        assertThat(f.exposurePct()).isEqualTo(100);
        assertThat(f.maxConcurrent()).isEqualTo(1);
        assertThat(f.taken()).isEqualTo(2);
        assertThat(f.skipped()).isZero();
        assertThat(f.days()).isEqualTo(5);

        // A fixed stake does not compound: 500 each, +100 then -5.
        AccountFigures fixed = Account.run(b, p, new AccountSpec(1000, Stake.of(500), 10)).figures();
        assertThat(fixed.finalEquity()).isCloseTo(1095, within(1e-9));
    }

    @Test
    void anEntryShortOfCashIsTakenOnceTheFallingEquityShrinksItsStake() {
        // A (bar 0 at 100, 60% of 1000) leaves 400 in cash; an entry at every bar after it asks 60% of the equity at the
        // last close: 600 (bar 0's close), 600, 528 (80), 420 (50) do not fit 400; at bar 4's close (40) the equity is
        // 400 + 6 x 40 = 640 and its 60%, 384, fits: the entry at bar 5 is taken, and the next ones (16 left) are not.
        double[] px = {100, 100, 80, 50, 40, 40, 40, 40, 40, 40};
        int[] in = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        int[] out = {9, 9, 9, 9, 9, 9, 9, 9, 9};
        double[] entry = {100, 100, 100, 80, 50, 40, 40, 40, 40};
        double[] ret = {-0.6, -0.6, -0.6, -0.5, -0.2, 0, 0, 0, 0};
        Account.Run run = Account.run(daily(px, px), trades(in, out, entry, ret, new boolean[9], 0), new AccountSpec(1000, Stake.percent(60), 10));
        assertThat(run.taken()).containsExactly(true, false, false, false, false, true, false, false, false);
        AccountFigures f = run.figures();
        assertThat(f.skippedNoCash()).isEqualTo(7);
        assertThat(f.skippedMaxOpen()).isZero();
        // 16 in cash, A's 6 units and the second's 9.6 at 40; at bar 9 A pays back 600 x 0.4 and the second its 384.
        assertThat(run.equity()[5]).isCloseTo(16 + 6 * 40 + 9.6 * 40, within(1e-9));
        assertThat(f.finalEquity()).isCloseTo(16 + 240 + 384, within(1e-9));
    }

    @Test
    void manyPositionsOpenAtOnceEachCloseWithItsOwnStake() {
        // 100 entries on bars 0..99 at 100, flat closes; entry k exits at bar 199 - k, so the later ones close first
        // (each goes to the front of the exit queue, which grows past its first 64) and all 100 are open over bars 99..100.
        // Entry k returns k / 1000.
        int count = 100;
        int bars = 200;
        double[] flat = new double[bars];
        java.util.Arrays.fill(flat, 100);
        int[] in = new int[count];
        int[] out = new int[count];
        double[] entry = new double[count];
        double[] ret = new double[count];
        for (int k = 0; k < count; k++) {
            in[k] = k;
            out[k] = 199 - k;
            entry[k] = 100;
            ret[k] = k / 1000.0;
        }
        Account.Run run = Account.run(daily(flat, flat), trades(in, out, entry, ret, new boolean[count], 0), new AccountSpec(20_000,
                Stake.of(100), 1000));
        AccountFigures f = run.figures();
        assertThat(f.maxConcurrent()).isEqualTo(100);
        assertThat(f.taken()).isEqualTo(100);
        // 100 each, back with 100 (1 + k / 1000): 20,000 + 0.1 (0 + 1 + ... + 99) = 20,495.
        assertThat(f.finalEquity()).isCloseTo(20_495, within(1e-9));
        // Bar 105 (after the exits of entries 99..94 on bars 100..105): 94 open at 100 each, the six closed paid 0.1 (99 + ... + 94).
        assertThat(run.equity()[105]).isCloseTo(20_000 + 0.1 * (99 + 98 + 97 + 96 + 95 + 94), within(1e-9));
    }

    @Test
    void anEntryShortOfCashWaitsThroughWholeBlocksOfClosesForItsStakeToFit() {
        // As in anEntryShortOfCashIsTakenOnceTheFallingEquityShrinksItsStake, over 100 bars: A takes 60% of 1000 at 100 on
        // bar 0; the closes stay at 100 to bar 69 (a whole block of 32 closes, bars 32..63, none of which makes 60% of the
        // equity fit the 400 left), then fall to 40 from bar 70:
        // the entry at bar 71 is the first taken after A, and those on bars 1..70 are skipped.
        int bars = 100;
        double[] px = new double[bars];
        for (int i = 0; i < bars; i++) {
            px[i] = i < 70 ? 100 : 40;
        }
        int count = 90;
        int[] in = new int[count];
        int[] out = new int[count];
        double[] entry = new double[count];
        double[] ret = new double[count];
        for (int k = 0; k < count; k++) {
            in[k] = k;
            out[k] = bars - 1;
            entry[k] = px[Math.max(0, k - 1)];
            ret[k] = 40 / entry[k] - 1;
        }
        Account.Run run = Account.run(daily(px, px), trades(in, out, entry, ret, new boolean[count], 0), new AccountSpec(1000,
                Stake.percent(60), 10));
        boolean[] taken = new boolean[count];
        taken[0] = true;
        taken[71] = true;
        assertThat(run.taken()).containsExactly(taken);
        AccountFigures f = run.figures();
        // Skipped: bars 1..70 (70), then bars 72..89 with 16 in cash (18).
        assertThat(f.skippedNoCash()).isEqualTo(88);
        // At bar 70's close: 400 + 6 x 40 = 640; the second stakes 384 at 40 (9.6 units): 16 + (6 + 9.6) x 40 from then on.
        assertThat(run.equity()[71]).isCloseTo(16 + 15.6 * 40, within(1e-9));
    }

    @Test
    void anEntryThatFindsMaxOpenPositionsIsSkippedAndCounted() {
        Bars b = daily(new double[] {100, 100, 100, 100}, new double[] {100, 100, 100, 100});
        Positions p = trades(new int[] {0, 1, 3}, new int[] {2, 3, 3}, new double[] {100, 100, 100}, new double[] {0.1, 0.5, -0.1},
                new boolean[3], 0);
        Account.Run run = Account.run(b, p, new AccountSpec(1000, Stake.of(100), 1));
        assertThat(run.taken()).containsExactly(true, false, true);
        AccountFigures f = run.figures();
        assertThat(f.skipped()).isEqualTo(1);
        assertThat(f.skippedMaxOpen()).isEqualTo(1);
        assertThat(f.taken()).isEqualTo(2);
        assertThat(f.finalEquity()).isCloseTo(1000 + 10 - 10, within(1e-9)); // the skipped +50% never counted
        assertThat(f.exposurePct()).isEqualTo(100); // bars 0..2 by the first, bar 3 by the third
        // Not enough cash is a skip too: a 600 stake leaves 400 for the second.
        AccountFigures cash = Account.run(b, trades(new int[] {0, 1}, new int[] {2, 3}, new double[] {100, 100}, new double[] {0, 0},
                new boolean[2], 0), new AccountSpec(1000, Stake.of(600), 5)).figures();
        assertThat(cash.skippedNoCash()).isEqualTo(1);
        assertThat(cash.skipped()).isEqualTo(1);
    }

    @Test
    void aDrawdownInsideATradeThatRecoversIsSeenAtTheClose() {
        double fee = 0.001;
        // One long from 100: the closes sink to 60, then it is sold at 110.
        Bars b = daily(new double[] {100, 100, 80, 60, 90}, new double[] {100, 80, 60, 90, 110});
        double x = 110;
        double r = (x - 100) / 100 - fee * (1 + x / 100);
        Positions p = trades(new int[] {0}, new int[] {4}, new double[] {100}, new double[] {r}, new boolean[1], fee);
        Account.Run run = Account.run(b, p, new AccountSpec(1000, Stake.of(1000), 1));
        double n = 1000 / (1 + fee); // the quote spent includes the entry fee
        // Valued as if sold at the close, the exit fee paid: N * close / E * (1 - fee).
        assertThat(run.equity()[2]).isCloseTo(n * 0.6 * (1 - fee), within(1e-9));
        AccountFigures f = run.figures();
        assertThat(f.maxDrawdownPct()).isCloseTo(100 * (1 - n * 0.6 * (1 - fee) / 1000), within(1e-9));
        assertThat(f.finalEquity()).isCloseTo(n * (1 + r + fee), within(1e-9));
        assertThat(f.finalEquity()).isCloseTo(n * 1.1 * (1 - fee), within(1e-9));
        // The per-trade statistics see one winning trade and no drawdown at all.
        assertThat(r).isPositive();
        assertThat(f.maxDrawdownDays()).isCloseTo(4, within(1e-9)); // from the start (1000, before bar 0) to bar 3's close, the last below it
    }

    @Test
    void aPositionStillOpenAtTheEndIsAnEndExitValuedAtTheLastClose() {
        Bars b = daily(new double[] {100, 101, 102, 103}, new double[] {101, 102, 103, 104});
        TrailingConfig c = new TrailingConfig(Mode.PERCENT, 0.5, 0, Double.NaN, 0, 0.001, 0);
        BacktestResult bt = Backtest.run(b, new Entries(new int[] {1}, new Direction[] {Direction.LONG}), c, IntrabarOrder.ADVERSE_FIRST, null);
        Trade t = bt.trades().get(0);
        assertThat(t.exitReason()).isEqualTo(ExitReason.END);
        Account.Run run = Account.run(b, Positions.of(b, bt.trades(), c), new AccountSpec(10_000, Stake.of(1001), 10));
        AccountFigures f = run.figures();
        assertThat(f.endExits()).isEqualTo(1);
        double n = 1000; // 1001 spent with the 0.1% fee
        double last = n * 104 / 101 * (1 - 0.001);
        assertThat(f.finalEquity()).isCloseTo(10_000 - 1001 + last, within(1e-6));
        assertThat(f.exposurePct()).isEqualTo(75);
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    /**
     * With a fixed stake and room for every entry, the account's gain is exactly the
     * contract's per-trade returns times the notional: the account adds no number of its own.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFixedStakeWithRoomForAllAddsUpTheTradesReturns(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        KlineSeries s = SyntheticKlines.randomWalk("SYN", Interval.H1, 500 + rnd.nextInt(1500), seed);
        Bars b = s.bars();
        TrailingConfig c = new TrailingConfig(rnd.nextBoolean() ? Mode.PERCENT : Mode.PROFIT_LOCK, 0.02 + 0.3 * rnd.nextDouble(), 0,
                rnd.nextBoolean() ? Double.NaN : 0.02, 0, 0.001, rnd.nextDouble() * 0.001);
        if (c.mode() == Mode.PERCENT) {
            c = new TrailingConfig(Mode.PERCENT, 0.005 + 0.05 * rnd.nextDouble(), 0, c.initialStop(), 0, 0.001, c.slippage());
        }
        Entries e = Entries.every(1 + rnd.nextInt(30), 0, b.to(), rnd.nextBoolean() ? Direction.LONG : Direction.SHORT);
        BacktestResult bt = Backtest.run(b, e, c, IntrabarOrder.ADVERSE_FIRST, null);
        double stake = 10;
        Account.Run run = Account.run(b, Positions.of(b, bt.trades(), c), new AccountSpec(1e9, Stake.of(stake), Integer.MAX_VALUE));
        double sum = 0;
        for (Trade t : bt.trades()) {
            sum += stake / (1 + c.fee()) * t.netReturn();
        }
        AccountFigures f = run.figures();
        assertThat(f.finalEquity() - 1e9).as("seed %d", seed).isCloseTo(sum, within(1e-4));
        assertThat(f.taken()).as("seed %d", seed).isEqualTo(e.size());
        assertThat(f.maxDrawdownPct()).as("seed %d", seed).isBetween(0.0, 100.0);
        assertThat(f.exposurePct()).as("seed %d", seed).isBetween(0.0, 100.0);
        long end = bt.trades().stream().filter(t -> t.exitReason() == ExitReason.END).count();
        assertThat(f.endExits()).as("seed %d", seed).isEqualTo((int) end);
        // Compounding with any cap: the books balance and every entry is either taken or skipped.
        AccountFigures g = Account.run(b, Positions.of(b, bt.trades(), c), new AccountSpec(10_000, Stake.percent(5 + rnd.nextInt(50)),
                1 + rnd.nextInt(8))).figures();
        assertThat(g.taken() + g.skipped()).as("seed %d", seed).isEqualTo(e.size());
        assertThat(g.maxDrawdownPct()).as("seed %d", seed).isBetween(0.0, 100.0);
        assertThat(g.maxConcurrent()).as("seed %d", seed).isLessThanOrEqualTo(8);
    }

    static LongStream denseSeeds() {
        return LongStream.range(1, 31);
    }

    /**
     * An entry at every bar (two at some) against a small max-open and a cash that runs out:
     * which entries are taken, and why the others are skipped, is what the contract's bar-by-bar
     * rule decides (entries at the open in order, then the bar's exits, a fixed stake against the
     * cash), here written out as plainly as it reads; the account skips runs of entries at once.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("denseSeeds")
    void entriesAtEveryBarAreTakenOrSkippedAsTheBarByBarRuleSays(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        Bars b = SyntheticKlines.randomWalk("SYN", Interval.M1, 300 + rnd.nextInt(700), seed).bars();
        TrailingConfig c = new TrailingConfig(Mode.PERCENT, 0.001 + 0.05 * rnd.nextDouble(), 0, Double.NaN, 0, 0.001, 0);
        java.util.List<Integer> bars = new java.util.ArrayList<>();
        for (int i = b.from(); i < b.to(); i++) {
            for (int k = rnd.nextInt(6) == 0 ? 2 : 1; k > 0; k--) {
                bars.add(i);
            }
        }
        Entries e = new Entries(bars.stream().mapToInt(Integer::intValue).toArray(), bars.stream().map(x -> Direction.LONG).toArray(Direction[]::new));
        List<Trade> trades = Backtest.run(b, e, c, IntrabarOrder.ADVERSE_FIRST, null).trades();
        Positions p = Positions.of(b, trades, c);
        int maxOpen = 1 + rnd.nextInt(6);
        double stake = 100;
        double capital = stake * maxOpen + (rnd.nextBoolean() ? 50 * stake : 1); // room to spare, or so little that a loss leaves too little cash
        Account.Run run = Account.run(b, p, new AccountSpec(capital, Stake.of(stake), maxOpen));
        // The rule, bar by bar.
        boolean[] taken = new boolean[p.size()];
        boolean[] open = new boolean[p.size()];
        double cash = capital;
        int skippedMax = 0;
        int skippedCash = 0;
        int k = 0;
        int nOpen = 0;
        for (int i = b.from(); i < b.to(); i++) {
            for (; k < p.size() && p.entryBar(k) == i; k++) {
                if (nOpen >= maxOpen) {
                    skippedMax++;
                } else if (stake > cash * (1 + 1e-12)) {
                    skippedCash++;
                } else {
                    taken[k] = true;
                    open[k] = true;
                    nOpen++;
                    cash -= stake;
                }
            }
            for (int q = 0; q < k; q++) {
                if (open[q] && p.exitBar(q) == i) {
                    open[q] = false;
                    nOpen--;
                    cash += stake / (1 + c.fee()) * (1 + p.netReturn(q) + c.fee());
                }
            }
        }
        AccountFigures f = run.figures();
        assertThat(run.taken()).as("seed %d: taken", seed).isEqualTo(taken);
        assertThat(f.skippedMaxOpen()).as("seed %d", seed).isEqualTo(skippedMax);
        assertThat(f.skippedNoCash()).as("seed %d", seed).isEqualTo(skippedCash);
        assertThat(f.finalEquity()).as("seed %d", seed).isCloseTo(cash, within(1e-9 * capital));
        assertThat(skippedMax + skippedCash).as("seed %d: the case skips", seed).isPositive();
    }

    /**
     * What a sweep reads of its pick's account, each day's return handed over by the figures'
     * walk in order, is the run's daily returns, every day, to the bit; and the figures are the run's.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theFiguresHandOverTheRunsDailyReturns(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed * 17 + 5);
        Bars b = SyntheticKlines.randomWalk("SYN", Interval.M1, 3_000 + rnd.nextInt(5_000), seed).bars();
        TrailingConfig c = new TrailingConfig(Mode.PERCENT, 0.001 + 0.02 * rnd.nextDouble(), 0, Double.NaN, 0, 0.001, 0);
        Entries e = Entries.every(1 + rnd.nextInt(20), rnd.nextInt(600), b.to(), Direction.LONG);
        Positions p = Positions.of(b, Backtest.run(b, e, c, IntrabarOrder.ADVERSE_FIRST, null).trades(), c);
        AccountSpec spec = new AccountSpec(10_000, Stake.percent(5 + rnd.nextInt(20)), 1 + rnd.nextInt(10));
        Account.Run run = Account.run(b, p, spec);
        Days days = Days.of(b);
        double[] handed = new double[days.count()];
        int[] next = {0};
        AccountFigures f = Account.figures(b, days, p, spec, (day, ret) -> {
            assertThat(day).as("seed %d: day %d", seed, next[0]).isEqualTo(days.epochDay(next[0]));
            handed[next[0]++] = ret;
        });
        assertThat(next[0]).as("seed %d: every day", seed).isEqualTo(days.count()).isGreaterThan(1);
        for (int d = 0; d < handed.length; d++) {
            assertThat(Double.doubleToRawLongBits(handed[d])).as("seed %d: day %d", seed, d).isEqualTo(Double.doubleToRawLongBits(run.daily()[d]));
        }
        assertThat(f).as("seed %d", seed).isEqualTo(run.figures());
    }

    @Test
    void stakesParseAsAmountsOrPercentages() {
        assertThat(Stake.parse("250")).isEqualTo(Stake.of(250));
        assertThat(Stake.parse("10%").fraction()).isCloseTo(0.1, within(1e-15));
        assertThat(Stake.parse("10%").toString()).isEqualTo("10%");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stake.parse("ten")).hasMessageContaining("--stake");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stake.parse("150%")).hasMessageContaining("(0, 100]");
        assertThat(AccountSpec.DEFAULT.describe()).isEqualTo("capital 10000, stake 10% of equity, max open 10");
        assertThat(List.of(AccountSpec.DEFAULT.maxOpen())).containsExactly(10);
    }
}
