package io.ratchet.live.exchange;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where orders go. Every order carries the caller's client order id. A new order or a
 * cancel-replace is sent once: an unknown outcome is thrown as a not-definite
 * {@link ExchangeException}, for the caller to resolve by {@link #find}.
 */
public interface OrderGateway {

    SymbolRules rules(String symbol);

    /** A MARKET order, answered once it filled (or failed). */
    OrderState market(String symbol, boolean sell, BigDecimal quantity, String clientOrderId);

    /** A STOP_LOSS order resting on the exchange. */
    OrderState stopLoss(String symbol, boolean sell, BigDecimal quantity, BigDecimal stopPrice, String clientOrderId);

    /** Cancels {@code oldClientId} and places a STOP_LOSS in its place, in one call (STOP_ON_FAILURE). */
    OrderState replaceStop(String symbol, String oldClientId, boolean sell, BigDecimal quantity, BigDecimal stopPrice, String newClientId);

    /** Cancels an open order; empty if it was not open (filled or gone). */
    Optional<OrderState> cancel(String symbol, String clientOrderId);

    /** An order by client id, empty if the exchange never saw it. */
    Optional<OrderState> find(String symbol, String clientOrderId);

    List<OrderState> openOrders(String symbol);

    /** The account's recent orders on the symbol, open or not, oldest first: what a restart reads to learn what happened while it was away. */
    default List<OrderState> recentOrders(String symbol) {
        return List.of();
    }

    /** Free balances by asset: what an order can use now. */
    Map<String, BigDecimal> balances();

    /** Free plus locked by asset: what the account holds (resting orders lock part of it). */
    Map<String, BigDecimal> holdings();
}
