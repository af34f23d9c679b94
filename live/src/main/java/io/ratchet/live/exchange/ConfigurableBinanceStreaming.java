package io.ratchet.live.exchange;

import info.bitrich.xchangestream.binance.BinanceStreamingExchange;

/**
 * XChange's Binance streaming exchange with the stream URL taken from the specification
 * ({@value #STREAM_URI}): XChange 5.2.4 hard-codes Binance's hosts, and a local exchange
 * (the simulator) needs its own.
 */
public class ConfigurableBinanceStreaming extends BinanceStreamingExchange {
    public static final String STREAM_URI = "Ratchet_Stream_Uri";

    @Override
    protected String getStreamingBaseUri() {
        Object u = getExchangeSpecification().getExchangeSpecificParametersItem(STREAM_URI);
        return u != null ? u.toString() : super.getStreamingBaseUri();
    }

    @Override
    protected String getTradeStreamingBaseUri() {
        Object u = getExchangeSpecification().getExchangeSpecificParametersItem(STREAM_URI);
        return u != null ? u.toString() : super.getTradeStreamingBaseUri();
    }
}
