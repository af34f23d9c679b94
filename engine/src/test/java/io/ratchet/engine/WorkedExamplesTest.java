package io.ratchet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The contract's rules, each on a small hand-made series whose answer is worked out by hand. */
class WorkedExamplesTest {

    private static Bars bars(double[]... ohlc) {
        int n = ohlc.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_000L * 60 * i;
            o[i] = ohlc[i][0];
            h[i] = ohlc[i][1];
            l[i] = ohlc[i][2];
            c[i] = ohlc[i][3];
        }
        return Bars.of(t, o, h, l, c);
    }

    private static double[] b(double o, double h, double l, double c) {
        return new double[] {o, h, l, c};
    }

    private static TrailingConfig lock(double trail) {
        return new TrailingConfig(Mode.PROFIT_LOCK, trail, 0, Double.NaN, 0, 0, 0);
    }

    @Test
    void gapThroughTheStopExitsAtTheOpenNotAtTheStop() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.05); // S = 95
        Bars bars = bars(b(100, 100, 99, 100), b(90, 92, 88, 91));
        BarWalker w = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST);
        Trade t = w.trade(bars, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.STOP);
        assertThat(t.exitTime()).isEqualTo(60_000L);
        assertThat(t.exitPrice()).isEqualTo(90.0); // the gapped open, worse than the stop
    }

    @Test
    void continuousMoveThroughTheStopExitsAtTheStop() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.05);
        Bars bars = bars(b(100, 100, 99, 100), b(98, 99, 80, 85));
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        assertThat(t.exitPrice()).isEqualTo(95.0);
        assertThat(t.exitTime()).isEqualTo(60_000L);
    }

    @Test
    void favourableGapRatchetsAtTheOpen() {
        // Gap up to 110: P = 110, S = 105; then the bar's low 104 hits at 105.
        Bars bars = bars(b(100, 100, 100, 100), b(110, 111, 104, 106));
        Trade t = new BarWalker(lock(0.5), IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        assertThat(t.exitPrice()).isEqualTo(105.0);
        assertThat(t.peak()).isEqualTo(110.0);
    }

    /** One bar with both a deep low and a high: the order decides the outcome. */
    private static final Bars SAME_BAR = bars(b(100, 110, 96, 108), b(108, 108, 108, 108));

    @Test
    void sameBarAdverseFirstLongSeesTheLowFirst() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.03); // S = 97
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(SAME_BAR, 0, Direction.LONG);
        assertThat(t.exitPrice()).isEqualTo(97.0);
        assertThat(t.exitTime()).isZero();
    }

    @Test
    void sameBarFavourableFirstLongSeesTheHighFirst() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.03);
        Trade t = new BarWalker(cfg, IntrabarOrder.FAVOURABLE_FIRST).trade(SAME_BAR, 0, Direction.LONG);
        // H = 110 moves S to 105; then L = 96 hits it at 105.
        assertThat(t.exitPrice()).isEqualTo(105.0);
        assertThat(t.peak()).isEqualTo(110.0);
    }

    @Test
    void sameBarOhlcFollowsTheBarColour() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.03);
        // Green bar (C >= O): O, L, H, C -> low first.
        assertThat(new BarWalker(cfg, IntrabarOrder.OHLC).trade(SAME_BAR, 0, Direction.LONG).exitPrice()).isEqualTo(97.0);
        // Red bar (C < O): O, H, L, C -> high first.
        Bars red = bars(b(100, 110, 96, 99), b(99, 99, 99, 99));
        assertThat(new BarWalker(cfg, IntrabarOrder.OHLC).trade(red, 0, Direction.LONG).exitPrice()).isEqualTo(105.0);
    }

    @Test
    void shortAdverseFirstSeesTheHighFirst() {
        TrailingConfig cfg = lock(0.5).withInitialStop(0.03); // short: S = 103
        Bars bars = bars(b(100, 104, 90, 92), b(92, 92, 92, 92));
        Trade adverse = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.SHORT);
        assertThat(adverse.exitPrice()).isEqualTo(103.0);
        Trade favourable = new BarWalker(cfg, IntrabarOrder.FAVOURABLE_FIRST).trade(bars, 0, Direction.SHORT);
        // L = 90: P = 90, S = 95; then H = 104 hits at 95.
        assertThat(favourable.exitPrice()).isEqualTo(95.0);
        assertThat(favourable.netReturn()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void shortPercentTrailsBelowTheLowestPrice() {
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.1, 0, Double.NaN, 0, 0, 0);
        TrailingStop s = new TrailingStop(cfg);
        assertThat(s.open(Direction.SHORT, 100, 0)).isEqualTo(TrailingStop.MOVED);
        assertThat(s.stop()).isCloseTo(110, within(1e-9)); // active from the entry
        s.onPrice(1, 80);
        assertThat(s.stop()).isCloseTo(88, within(1e-9));
        assertThat(s.onPrice(2, 87.99)).isEqualTo(TrailingStop.NONE);
        assertThat(s.onPrice(3, 88)).isEqualTo(TrailingStop.HIT);
        assertThat(s.trigger()).isCloseTo(88, within(1e-9));
    }

    @Test
    void activationNotReachedLeavesNoStopAndEndsAtTheLastClose() {
        TrailingConfig cfg = lock(0.5).withActivation(0.05);
        Bars bars = bars(b(100, 104, 97, 103), b(103, 104.9, 90, 91), b(91, 92, 85, 86));
        BarWalker w = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST);
        Trade t = w.trade(bars, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.END);
        assertThat(t.exitPrice()).isEqualTo(86.0);
        assertThat(t.exitTime()).isEqualTo(120_000L);
    }

    @Test
    void activationReachedStartsTheTrailAtTheActivationLevel() {
        TrailingConfig cfg = lock(0.5).withActivation(0.05);
        TrailingStop s = new TrailingStop(cfg);
        s.open(Direction.LONG, 100, 0);
        s.onPrice(1, 104.99);
        assertThat(s.hasStop()).isFalse();
        s.onPrice(2, 105);
        assertThat(s.stop()).isEqualTo(102.5);
    }

    @Test
    void profitLockWithoutActivationNeedsSomeProfit() {
        TrailingStop s = new TrailingStop(lock(0.5));
        assertThat(s.open(Direction.LONG, 100, 0)).isEqualTo(TrailingStop.NONE);
        assertThat(s.hasStop()).isFalse();
        assertThat(s.onPrice(1, 100.02)).isEqualTo(TrailingStop.MOVED);
        assertThat(s.stop()).isCloseTo(100.01, within(1e-9));
    }

    @Test
    void trailOneLocksTheWholeMoveAndTheNextNonRisingPointHits() {
        TrailingStop s = new TrailingStop(lock(1.0));
        s.open(Direction.LONG, 100, 0);
        assertThat(s.onPrice(1, 105)).isEqualTo(TrailingStop.MOVED);
        assertThat(s.stop()).isEqualTo(105.0);
        // A favourable move cannot hit; a flat one can.
        assertThat(s.onPrice(2, 106)).isEqualTo(TrailingStop.MOVED);
        assertThat(s.onPrice(3, 106)).isEqualTo(TrailingStop.HIT);
        assertThat(s.trigger()).isEqualTo(106.0);
    }

    @Test
    void theStopNeverLoosensWhenThePriceFalls() {
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.05, 0, Double.NaN, 0, 0, 0);
        TrailingStop s = new TrailingStop(cfg);
        s.open(Direction.LONG, 100, 0);
        s.onPrice(1, 120);
        double high = s.stop();
        s.onPrice(2, 115);
        s.onPrice(3, 119);
        assertThat(s.stop()).isEqualTo(high);
    }

    @Test
    void maxBarsClosesAtTheCloseOfTheNthBarAfterEntry() {
        TrailingConfig cfg = lock(0.5).withMaxBars(2);
        Bars bars = bars(b(100, 100, 100, 100), b(100, 100, 99, 99), b(99, 99, 98, 98.5), b(98, 98, 97, 97));
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.TIME);
        assertThat(t.exitTime()).isEqualTo(120_000L);
        assertThat(t.exitPrice()).isEqualTo(98.5);
    }

    @Test
    void maxBarsBeyondTheDataIsAnEndExit() {
        TrailingConfig cfg = lock(0.5).withMaxBars(5);
        Bars bars = bars(b(100, 100, 100, 100), b(100, 100, 99, 99));
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        assertThat(t.exitReason()).isEqualTo(ExitReason.END);
    }

    @Test
    void feesAndSlippageGiveTheContractsNetReturn() {
        TrailingConfig cfg = new TrailingConfig(Mode.PROFIT_LOCK, 0.5, 0, 0.05, 0, 0.001, 0.002);
        Bars bars = bars(b(100, 100, 99, 100), b(98, 99, 80, 85));
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        double fill = 95 * (1 - 0.002);
        assertThat(t.exitPrice()).isCloseTo(fill, within(1e-12));
        assertThat(t.netReturn()).isCloseTo((fill - 100) / 100 - 0.001 * (1 + fill / 100), within(1e-15));
        // Short: slippage worsens upward, the return flips sign.
        assertThat(Returns.exitFill(-1, 100, 0.01)).isCloseTo(101, within(1e-12));
        assertThat(Returns.net(-1, 100, 90, 0)).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void entryBarIsWalkedFromItsOpen() {
        // Percent 2% from the entry: S = 98 at once; the entry bar's own low 97 hits it.
        TrailingConfig cfg = new TrailingConfig(Mode.PERCENT, 0.02, 0, Double.NaN, 0, 0, 0);
        Bars bars = bars(b(100, 100.5, 97, 99), b(99, 99, 99, 99));
        Trade t = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(bars, 0, Direction.LONG);
        assertThat(t.exitTime()).isZero();
        assertThat(t.exitPrice()).isEqualTo(98.0);
    }

    @Test
    void detailWalksTheLowerTimeframeBarsInsideEachBar() {
        // One 3-minute bar: O 100, H 110, L 96, C 108. adverse-first says the low came first
        // and the 3% initial stop (97) is hit. The 1m bars inside show the high came first.
        Bars main = Bars.of(new long[] {0, 180_000}, new double[] {100, 108}, new double[] {110, 108},
                new double[] {96, 108}, new double[] {108, 108});
        Bars detail = Bars.of(new long[] {0, 60_000, 120_000}, new double[] {100, 110, 100},
                new double[] {110, 110, 108}, new double[] {100, 100, 96}, new double[] {110, 100, 108});
        TrailingConfig cfg = lock(0.5).withInitialStop(0.03);
        Trade adverse = new BarWalker(cfg, IntrabarOrder.ADVERSE_FIRST).trade(main, 0, Direction.LONG);
        assertThat(adverse.exitPrice()).isEqualTo(97.0);
        DetailIndex idx = DetailIndex.of(main, 180_000, detail);
        Trade precise = new BarWalker(cfg, IntrabarOrder.DETAIL, idx, StopListener.NONE).trade(main, 0, Direction.LONG);
        // 1m bar 0 is green: O 100, L 100, H 110 -> S 105, C 110. Bar 1 opens 110, red: H 110, L 100 hits 105.
        assertThat(precise.exitPrice()).isEqualTo(105.0);
        assertThat(precise.exitTime()).isZero(); // times stay on the main series
    }

    @Test
    void summaryScoresTradesAsTheContractSays() {
        Trade a = new Trade(0, Direction.LONG, 100, 3, 110, ExitReason.STOP, 0.10, 110);
        Trade b = new Trade(1, Direction.LONG, 100, 2, 95, ExitReason.STOP, -0.05, 101);
        Trade c = new Trade(2, Direction.LONG, 100, 5, 98, ExitReason.STOP, -0.02, 100);
        Trade d = new Trade(4, Direction.LONG, 100, 4, 103, ExitReason.END, 0.03, 104);
        RunSummary s = RunSummary.of(java.util.List.of(a, b, c, d));
        assertThat(s.trades()).isEqualTo(4);
        assertThat(s.winRate()).isEqualTo(0.5);
        assertThat(s.totalReturn()).isCloseTo(0.06, within(1e-12));
        assertThat(s.meanReturn()).isCloseTo(0.015, within(1e-12));
        assertThat(s.profitFactor()).isCloseTo(0.13 / 0.07, within(1e-12));
        // By exit time: b (-0.05), a (+0.10), d (+0.03), c (-0.02): equity -0.05, 0.05, 0.08, 0.06.
        // Peak starts at 0: drawdowns 0.05, then 0.02 -> max 0.05.
        assertThat(s.maxDrawdown()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void summaryWithoutLossesHasNoProfitFactorAndEmptyRunsAreDefined() {
        Trade a = new Trade(0, Direction.LONG, 100, 3, 110, ExitReason.STOP, 0.10, 110);
        assertThat(RunSummary.of(java.util.List.of(a)).profitFactor()).isNaN();
        RunSummary empty = RunSummary.of(java.util.List.of());
        assertThat(empty.trades()).isZero();
        assertThat(empty.totalReturn()).isZero();
        assertThat(empty.maxDrawdown()).isZero();
    }
}
