package io.ratchet.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Positions;
import io.ratchet.backtest.entry.Entries;
import io.ratchet.data.kline.Interval;
import io.ratchet.data.kline.KlineSeries;
import io.ratchet.data.kline.SyntheticKlines;
import io.ratchet.data.trades.SyntheticTrades;
import io.ratchet.data.trades.TradeKlines;
import io.ratchet.data.trades.TradeSeries;
import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.ExitReason;
import io.ratchet.engine.IntrabarOrder;
import io.ratchet.engine.Mode;
import io.ratchet.engine.Trade;
import io.ratchet.engine.TradePrints;
import io.ratchet.engine.TrailingConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fidelity gap on a hand-made series of 5m bars and their trades; profit-lock keeping half the
 * profit (S = E + 0.5 (P - E), no stop before P > E), no fee, no slippage. Every value by hand.
 */
class FidelityGapTest {
    static final long M = 60_000L;
    static final long M5 = 5 * M;
    // bar 0 (0):      O 100 H 104 L 99 C 103; trades (1 s, 100.5) (2 s, 104) | (61 s, 101.5) (62 s, 99) (63 s, 103)
    //                 1m bars from them: minute 0 O 100.5 H 104 L 100.5 C 104; minute 1 O 101.5 H 103 L 99 C 103
    // bar 1 (300 s):  O 103 H 103.5 L 95 C 96; no trade
    // bar 2 (600 s):  O 96 H 99 L 91 C 91; trades (601 s, 96) (602 s, 99) (603 s, 97) | (720 s, 91)
    //                 1m bars: minute 10 O 96 H 99 L 96 C 97; minute 12 O H L C 91
    static final Bars BARS = Bars.of(new long[] {0, M5, 2 * M5}, new double[] {100, 103, 96}, new double[] {104, 103.5, 99},
            new double[] {99, 95, 91}, new double[] {103, 96, 91});
    static final TradePrints PRINTS = TradePrints.of(BARS, M5,
            new long[] {1_000, 2_000, 61_000, 62_000, 63_000, 601_000, 602_000, 603_000, 720_000},
            new double[] {100.5, 104, 101.5, 99, 103, 96, 99, 97, 91});
    static final TrailingConfig HALF = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, Double.NaN, 0, 0, 0);
    static final Entries EVERY_BAR = new Entries(new int[] {0, 1, 2}, new Direction[] {Direction.LONG, Direction.LONG, Direction.LONG});

    @Test
    void barsThatMissTheTradeThroughTheStopExitLaterOrAtTheStopInsteadOfThePrint() {
        FidelityGap g = FidelityGap.of(BARS, M5, PRINTS, EVERY_BAR, HALF, null);

        // Entry 0, E = 100. Trades: 100.5 (S 100.25), 104 (S 102), 101.5 through S: exit at 101.5, 61 s, bar 0.
        // Adverse-first on bar 0: L 99 (no stop yet), H 104 (S 102), C 103: no hit; bar 1: open 103, L 95 through S: exit at S = 102, bar 1.
        // Detail: minute 0 takes S to 102; minute 1 opens at 101.5, a gap through S: exit at that open, 101.5, bar 0 (as the trades).
        List<Trade> tr = g.trades().trades();
        List<Trade> af = g.adverseFirst().walk().trades();
        List<Trade> dt = g.detail().walk().trades();
        assertThat(tr.get(0).exitPrice()).isEqualTo(101.5);
        assertThat(tr.get(0).exitTime()).isEqualTo(61_000L);
        assertThat(g.trades().exitBar()[0]).isZero();
        assertThat(af.get(0).exitPrice()).isEqualTo(102.0);
        assertThat(g.adverseFirst().walk().exitBar()[0]).isEqualTo(1);
        assertThat(dt.get(0).exitPrice()).isEqualTo(101.5);
        assertThat(g.detail().walk().exitBar()[0]).isZero();

        // Entry 1, E = 103, on bar 1 without trades: walked with ohlc (C < O: H first): H 103.5 (S 103.25), L 95: exit at S = 103.25.
        // Adverse-first: L 95 (no stop), H 103.5 (S 103.25), C 96: exit at 103.25 too; detail has no 1m bar there: the same.
        for (List<Trade> w : List.of(tr, af, dt)) {
            assertThat(w.get(1).exitPrice()).isEqualTo(103.25);
            assertThat(w.get(1).exitTime()).isEqualTo(M5);
        }

        // Entry 2, E = 96. Trades: 96, 99 (S 97.5), 97 through S: exit at 97, 603 s. Adverse-first: L 91, H 99 (S 97.5), C 91: exit at
        // S = 97.5; detail: minute 10 O 96, L 96, H 99 (S 97.5), C 97 through S: exit at S = 97.5. All in bar 2.
        assertThat(tr.get(2).exitPrice()).isEqualTo(97.0);
        assertThat(tr.get(2).exitTime()).isEqualTo(603_000L);
        assertThat(af.get(2).exitPrice()).isEqualTo(97.5);
        assertThat(dt.get(2).exitPrice()).isEqualTo(97.5);

        // Against adverse-first: entries 0 (another bar) and 2 (same bar, another price) differ.
        FidelityGap.Comparison a = g.adverseFirst();
        assertThat(a.exits()).isEqualTo(3);
        assertThat(a.differ()).isEqualTo(2);
        assertThat(a.inAnotherBar()).isEqualTo(1);
        assertThat(a.sameBarOtherwise()).isEqualTo(1);
        assertThat(a.differShare()).isEqualTo(2 / 3.0);
        double trades = 0.015 + 0.25 / 103 + 1 / 96.0;
        assertThat(g.trades().summary().totalReturn()).isCloseTo(trades, within(1e-12));
        assertThat(a.totalReturnDelta()).isCloseTo(0.005 + 0.5 / 96, within(1e-12));
        assertThat(a.meanReturnDelta()).isCloseTo((0.005 + 0.5 / 96) / 3, within(1e-12));
        // The widest: entry 2 (+0.5/96 = 0.0052) over entry 0 (+0.005).
        assertThat(a.worst().entry()).isEqualTo(2);
        assertThat(a.worst().onTrades().exitPrice()).isEqualTo(97.0);
        assertThat(a.worst().onBars().exitPrice()).isEqualTo(97.5);
        assertThat(a.worst().returnDelta()).isCloseTo(0.5 / 96, within(1e-12));
        assertThat(a.accountReturnPctDelta()).isNaN(); // no account asked for

        // Against detail on 1m: only entry 2 differs, in price.
        FidelityGap.Comparison d = g.detail();
        assertThat(d.differ()).isEqualTo(1);
        assertThat(d.inAnotherBar()).isZero();
        assertThat(d.sameBarOtherwise()).isEqualTo(1);
        assertThat(d.totalReturnDelta()).isCloseTo(0.5 / 96, within(1e-12));
        assertThat(d.worst().entry()).isEqualTo(2);
        assertThat(g.detailBars()).isEqualTo("1m bars built from the trades");
        assertThat(g.against("adverse-first")).isSameAs(a);
        assertThat(g.against("detail")).isSameAs(d);
    }

    @Test
    void theTradesWalkIsTheBacktestsAndTheAccountGapIsTheDifferenceOfTheTwoAccounts() {
        AccountSpec spec = AccountSpec.DEFAULT;
        FidelityGap g = FidelityGap.of(BARS, M5, PRINTS, EVERY_BAR, HALF, spec);
        assertThat(g.trades().trades()).isEqualTo(Backtest.run(BARS, EVERY_BAR, HALF, IntrabarOrder.OHLC, null, PRINTS).trades());
        assertThat(g.adverseFirst().walk().trades()).isEqualTo(Backtest.run(BARS, EVERY_BAR, HALF, IntrabarOrder.ADVERSE_FIRST, null).trades());
        double onTrades = Account.run(BARS, Positions.of(BARS, g.trades().trades(), HALF), spec).figures().returnPct();
        double onBars = Account.run(BARS, Positions.of(BARS, g.adverseFirst().walk().trades(), HALF), spec).figures().returnPct();
        assertThat(g.trades().accountReturnPct()).isEqualTo(onTrades);
        assertThat(g.adverseFirst().accountReturnPctDelta()).isCloseTo(onBars - onTrades, within(1e-12));
        assertThat(g.adverseFirst().accountReturnPctDelta()).isPositive();
    }

    @Test
    void equalWalksGiveNoDifference() {
        // Prices only rise: no stop is ever hit, every walk ends at the last close (END), the same on trades and on bars.
        Bars up = Bars.of(new long[] {0, M5}, new double[] {100, 102}, new double[] {102, 104}, new double[] {100, 102},
                new double[] {102, 104});
        TradePrints p = TradePrints.of(up, M5, new long[] {1_000, 120_000, 301_000, 500_000}, new double[] {100, 102, 102, 104});
        Entries e = new Entries(new int[] {0, 1}, new Direction[] {Direction.LONG, Direction.LONG});
        FidelityGap g = FidelityGap.of(up, M5, p, e, HALF, AccountSpec.DEFAULT);
        for (FidelityGap.Comparison c : List.of(g.adverseFirst(), g.detail())) {
            assertThat(c.differ()).isZero();
            assertThat(c.inAnotherBar()).isZero();
            assertThat(c.sameBarOtherwise()).isZero();
            assertThat(c.totalReturnDelta()).isZero();
            assertThat(c.meanReturnDelta()).isZero();
            assertThat(c.accountReturnPctDelta()).isZero();
            assertThat(c.worst()).isNull();
            assertThat(c.walk().trades()).allMatch(t -> t.exitReason() == ExitReason.END && t.exitPrice() == 104);
        }
    }

    @Test
    void onOneMinuteBarsTheDetailWalkIsTheMainBarsAndBelowItThereIsNone() {
        // 1m bars: detail = the main bars themselves, each walked as ohlc.
        Bars m1 = Bars.of(new long[] {0, M}, new double[] {100, 103}, new double[] {104, 106}, new double[] {99, 102.5},
                new double[] {103, 105});
        TradePrints p = TradePrints.of(m1, M, new long[] {10, 20, 30}, new double[] {99, 104, 102.5});
        Entries e = new Entries(new int[] {0}, new Direction[] {Direction.LONG});
        FidelityGap g = FidelityGap.of(m1, M, p, e, HALF, null);
        assertThat(g.detailBars()).isEqualTo("the main bars (they are 1m)");
        assertThat(g.detail().walk().trades()).isEqualTo(Backtest.run(m1, e, HALF, IntrabarOrder.OHLC, null).trades());

        Bars s1 = Bars.of(new long[] {0, 1000}, new double[] {100, 103}, new double[] {104, 106}, new double[] {99, 102.5},
                new double[] {103, 105});
        FidelityGap below = FidelityGap.of(s1, 1000, TradePrints.of(s1, 1000, new long[] {10}, new double[] {101}), e, HALF, null);
        assertThat(below.detail()).isNull();
        assertThat(below.detailBars()).isNull();
    }

    @Test
    void theOneMinuteBarsAreTheKlinesBinanceWouldPrintForTheTrades() {
        // Invented prints in 1m bars; 1h bars from them; the 1m bars the detail walk uses equal TradeKlines' (minutes with a trade).
        KlineSeries k = SyntheticKlines.randomWalk("SYNX", Interval.M1, 600, 5);
        TradeSeries ts = SyntheticTrades.inKlines(k, "SYNX", 7, 3);
        KlineSeries hours = TradeKlines.build(ts, Interval.H1);
        TradePrints p = Prints.of(hours.bars(), Interval.H1.millis(), ts);
        Bars mine = FidelityGap.on(hours.bars(), Interval.H1.millis(), p).minuteBars();
        KlineSeries binance = TradeKlines.build(ts, Interval.M1);
        assertThat(mine.size()).isEqualTo(binance.size()); // a trade in every minute here
        for (int i = 0; i < mine.size(); i++) {
            assertThat(mine.openTime()[i]).isEqualTo(binance.openTime(i));
            assertThat(mine.open()[i]).isEqualTo(binance.open(i));
            assertThat(mine.high()[i]).isEqualTo(binance.high(i));
            assertThat(mine.low()[i]).isEqualTo(binance.low(i));
            assertThat(mine.close()[i]).isEqualTo(binance.close(i));
        }
    }
}
