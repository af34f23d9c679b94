package io.ratchet.sim;

/** In which asset a BUY's commission is charged (a SELL always pays in the quote it receives). */
public enum Commission {
    /**
     * Binance without BNB: in the asset received, so a BUY of q receives q minus the
     * commission of the coin, and selling all of q fails for want of balance.
     */
    RECEIVED_ASSET,
    /** In the quote asset, as a stand-in for fees paid elsewhere (BNB): a BUY of q receives all of q. */
    QUOTE
}
