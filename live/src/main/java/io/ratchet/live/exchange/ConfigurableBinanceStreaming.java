package io.ratchet.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import info.bitrich.xchangestream.binance.BinanceStreamingExchange;
import info.bitrich.xchangestream.binance.BinanceStreamingService;
import info.bitrich.xchangestream.binance.KlineSubscription;
import info.bitrich.xchangestream.core.ProductSubscription;
import io.reactivex.rxjava3.core.Observable;
import java.util.Locale;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * XChange's Binance streaming exchange with two changes. The stream URL is taken from the
 * specification ({@value #STREAM_URI}): XChange 5.2.4 hard-codes Binance's hosts, and a local
 * exchange (the simulator) needs its own. And the trades of a {@link ProductSubscription} are
 * Binance's <em>aggregate</em> trades ({@code <symbol>@aggTrade}), not its raw ones
 * ({@code @trade}, which XChange 5.2.4 alone knows): their ids are aggTradeIds, the ids of
 * {@code GET /api/v3/aggTrades} (which the poll feed and the gap fills read) and of Binance's
 * aggTrades dumps, so the runner walks, and {@code --record} stores, one kind of trade from
 * every source. A raw trade and the aggregate holding it share price and time: the walk is the
 * same.
 */
public class ConfigurableBinanceStreaming extends BinanceStreamingExchange {
    public static final String STREAM_URI = "Ratchet_Stream_Uri";

    private volatile BinanceStreamingService market;

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

    /** The streams of the connection's URL: each {@code @trade} stream is asked for as {@code @aggTrade}. */
    @Override
    public String buildSubscriptionStreams(ProductSubscription subscription) {
        return super.buildSubscriptionStreams(subscription).replaceAll("@trade(?=/|$)", "@aggTrade");
    }

    @Override
    protected BinanceStreamingService createStreamingService(ProductSubscription subscription, KlineSubscription klines) {
        BinanceStreamingService s = super.createStreamingService(subscription, klines);
        market = s;
        return s;
    }

    /** The {@code aggTrade} payloads of a pair subscribed at {@code connect} (as trades): {@code {"a", "p", "q", "T", "m", ...}}. */
    public Observable<JsonNode> aggTrades(CurrencyPair pair) {
        BinanceStreamingService s = market;
        if (s == null) {
            throw new IllegalStateException("not connected");
        }
        String channel = (pair.getBase().getCurrencyCode() + pair.getCounter().getCurrencyCode()).toLowerCase(Locale.ROOT) + "@aggTrade";
        return s.subscribeChannel(channel).map(m -> m.has("data") ? m.get("data") : m);
    }
}
