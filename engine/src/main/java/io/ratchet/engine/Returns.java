package io.ratchet.engine;

/** Fills and returns as the contract defines them; used by every path that reports a trade. */
public final class Returns {
    private Returns() {
    }

    /** The exit fill: the trigger worsened by slippage. */
    public static double exitFill(int sign, double trigger, double slippage) {
        return trigger * (1 - sign * slippage);
    }

    /** Net return of one unit-stake trade, fee on both sides: {@code d (X - E) / E - fee (1 + X / E)}. */
    public static double net(int sign, double entry, double exit, double fee) {
        return sign * (exit - entry) / entry - fee * (1 + exit / entry);
    }
}
