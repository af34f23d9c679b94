package io.ratchet.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The account's user data stream events in Binance's JSON: an {@code executionReport} per
 * change of an order, an {@code outboundAccountPosition} per change of the balances,
 * published to every subscription on the WebSocket API.
 */
final class UserDataEvents implements Book.Events {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String symbol;
    private final WsApi wsApi;
    private final Faults faults;

    UserDataEvents(String symbol, WsApi wsApi, Faults faults) {
        this.symbol = symbol;
        this.wsApi = wsApi;
        this.faults = faults;
    }

    @Override
    public void execution(Order o, String executionType, Fill fill) {
        if (fill != null && faults.dropsStreamsOnFill()) {
            // the connection dies as the fill happens: its report is never delivered
            wsApi.dropAll();
        }
        long time = fill != null ? fill.time() : o.updateTime;
        wsApi.publish(report(o, executionType, fill, time));
    }

    @Override
    public void balances(long time, Map<String, BigDecimal[]> all) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "outboundAccountPosition");
        e.put("E", time);
        e.put("u", time);
        ArrayNode b = e.putArray("B");
        // every asset the account holds, not only the changed ones
        all.forEach((asset, v) -> b.addObject().put("a", asset).put("f", Decimals.of(v[0])).put("l", Decimals.of(v[1])));
        wsApi.publish(e);
    }

    /**
     * The report for a new order the engine refused: Binance pushes one only when a
     * cancel-replace canceled the old order and the new one failed.
     */
    void rejected(Book.NewOrder n, String reason, long time) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "executionReport");
        e.put("E", time);
        e.put("s", symbol);
        e.put("c", n.clientOrderId() == null ? "" : n.clientOrderId());
        e.put("S", n.side());
        e.put("o", n.type());
        e.put("f", n.timeInForce() == null ? "GTC" : n.timeInForce());
        e.put("q", Decimals.of(n.quantity() == null ? BigDecimal.ZERO : new BigDecimal(n.quantity())));
        e.put("p", Decimals.of(n.price() == null ? BigDecimal.ZERO : new BigDecimal(n.price())));
        e.put("P", Decimals.of(n.stopPrice() == null ? BigDecimal.ZERO : new BigDecimal(n.stopPrice())));
        e.put("F", "0.00000000");
        e.put("g", -1);
        e.put("C", "");
        e.put("x", "REJECTED");
        e.put("X", "REJECTED");
        e.put("r", reason);
        e.put("i", -1);
        e.put("l", "0.00000000");
        e.put("z", "0.00000000");
        e.put("L", "0.00000000");
        e.put("n", "0");
        e.putNull("N");
        e.put("T", time);
        e.put("t", -1);
        e.put("I", 0);
        e.put("w", false);
        e.put("m", false);
        e.put("M", false);
        e.put("O", time);
        e.put("Z", "0.00000000");
        e.put("Y", "0.00000000");
        e.put("Q", "0.00000000");
        e.put("V", "NONE");
        wsApi.publish(e);
    }

    private ObjectNode report(Order o, String executionType, Fill fill, long time) {
        ObjectNode e = JSON.createObjectNode();
        boolean canceled = executionType.equals("CANCELED");
        e.put("e", "executionReport");
        e.put("E", time);
        e.put("s", symbol);
        // a cancel's report carries the cancel request's id, the order's own in C
        e.put("c", canceled ? o.cancelClientOrderId : o.clientOrderId);
        e.put("S", o.side);
        e.put("o", o.type);
        e.put("f", o.timeInForce == null ? "GTC" : o.timeInForce);
        e.put("q", Decimals.of(o.origQty));
        e.put("p", Decimals.of(o.price));
        e.put("P", Decimals.of(o.stopPrice));
        e.put("F", "0.00000000");
        e.put("g", -1);
        e.put("C", canceled ? o.clientOrderId : "");
        e.put("x", executionType);
        e.put("X", o.status);
        e.put("r", "NONE");
        e.put("i", o.id);
        e.put("l", Decimals.of(fill == null ? BigDecimal.ZERO : fill.qty()));
        e.put("z", Decimals.of(o.executedQty));
        e.put("L", Decimals.of(fill == null ? BigDecimal.ZERO : fill.price()));
        e.put("n", fill == null ? "0" : Decimals.of(fill.commission()));
        if (fill == null) {
            e.putNull("N");
        } else {
            e.put("N", fill.commissionAsset());
        }
        e.put("T", time);
        e.put("t", fill == null ? -1 : fill.id());
        e.put("I", o.id * 10 + (fill == null ? 0 : 1));
        e.put("w", o.isOpen() && o.workingTime >= 0);
        e.put("m", false);
        e.put("M", fill != null);
        e.put("O", o.time);
        e.put("Z", Decimals.of(o.cumQuote));
        e.put("Y", Decimals.of(fill == null ? BigDecimal.ZERO : fill.price().multiply(fill.qty())));
        e.put("Q", "0.00000000");
        if (o.workingTime >= 0) {
            e.put("W", o.workingTime);
        }
        e.put("V", "NONE");
        return e;
    }
}
