package io.ratchet.sim;

import info.bitrich.xchangestream.binance.BinanceStreamingExchange;

/**
 * XChange's Binance streaming exchange pointed at a local server: XChange hard-codes the
 * stream host, so the documented way is to override the base URI (the trailing slash matters).
 */
public class LocalBinanceStreaming extends BinanceStreamingExchange {
    static volatile String wsBase;

    @Override
    protected String getStreamingBaseUri() {
        return wsBase;
    }

    @Override
    protected String getTradeStreamingBaseUri() {
        return wsBase;
    }
}
