package io.ratchet.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Orders, balances and fills of the one simulated account. MARKET orders fill at the last
 * replayed price; STOP_LOSS orders wait for a trade at or through their stop and then fill
 * at that trade's price. Orders respect the symbol's filters and the balances, with
 * Binance's error codes. One lock: the REST threads and the replay thread take turns.
 */
final class Book {
    private static final Pattern CLIENT_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,36}$");
    static final BigDecimal STEP = new BigDecimal("0.00001");
    static final BigDecimal MAX_QTY = new BigDecimal("9000");
    static final BigDecimal MARKET_MAX_QTY = new BigDecimal("100");
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    static final BigDecimal MIN_NOTIONAL = new BigDecimal("5");
    static final BigDecimal MAX_NOTIONAL = new BigDecimal("9000000");

    /** Told of every change to an account order and its balances, under the book's lock, in order. */
    interface Events {
        /** {@code fill} is the execution for TRADE, else null. */
        void execution(Order o, String executionType, Fill fill);

        void balances(long time, Map<String, BigDecimal[]> all);
    }

    final String symbol;
    final String base;
    final String quote;
    final BigDecimal tick;
    private final BigDecimal fee;
    private final Commission commission;
    private final Events events;
    private final IntSupplier fillParts;
    private final LongSupplier wall;
    private final Market market;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final Map<String, BigDecimal[]> balances = new LinkedHashMap<>();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<String, Integer> filledByClientId = new LinkedHashMap<>();
    private final SplittableRandom random;
    private long nextOrderId = 1;
    private long nextFillId = 1;

    Book(String symbol, String base, String quote, BigDecimal tick, double fee, Commission commission, Map<String, BigDecimal> start,
         Market market, LongSupplier wall, long seed, Events events, IntSupplier fillParts) {
        this.symbol = symbol;
        this.base = base;
        this.quote = quote;
        this.tick = tick;
        this.fee = BigDecimal.valueOf(fee);
        this.commission = commission;
        this.events = events;
        this.fillParts = fillParts;
        this.market = market;
        this.wall = wall;
        this.random = new SplittableRandom(seed);
        start.forEach((a, v) -> balances.put(a, new BigDecimal[] {v, BigDecimal.ZERO}));
        balances.computeIfAbsent(base, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        balances.computeIfAbsent(quote, a -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** A new order's parameters, as parsed from the request. */
    record NewOrder(String symbol, String side, String type, String quantity, String price, String stopPrice, String timeInForce,
                    String clientOrderId, String quoteOrderQty) {
    }

    synchronized Order place(NewOrder n) {
        if (n.symbol() == null) {
            throw ApiException.missing("symbol");
        }
        if (!symbol.equals(n.symbol())) {
            throw ApiException.badRequest(-1121, "Invalid symbol.");
        }
        if (n.side() == null) {
            throw ApiException.missing("side");
        }
        if (!n.side().equals("BUY") && !n.side().equals("SELL")) {
            throw ApiException.badRequest(-1117, "Invalid side.");
        }
        if (n.type() == null) {
            throw ApiException.missing("type");
        }
        String type = n.type();
        if (!List.of("MARKET", "LIMIT", "STOP_LOSS", "STOP_LOSS_LIMIT").contains(type)) {
            throw ApiException.badRequest(-1116, "Invalid orderType.");
        }
        String cid = n.clientOrderId();
        if (cid != null && !CLIENT_ID.matcher(cid).matches()) {
            throw ApiException.badRequest(-1100, "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.");
        }
        if (cid != null && orders.values().stream().anyMatch(o -> o.isOpen() && o.clientOrderId.equals(cid))) {
            throw ApiException.badRequest(-2010, "Duplicate order sent.");
        }
        double last = market.lastPrice();
        BigDecimal lastPrice = BigDecimal.valueOf(last);
        BigDecimal qty;
        if (n.quantity() != null) {
            qty = decimal("quantity", n.quantity());
        } else if (type.equals("MARKET") && n.quoteOrderQty() != null) {
            qty = decimal("quoteOrderQty", n.quoteOrderQty()).divide(lastPrice, 5, RoundingMode.DOWN);
        } else {
            throw ApiException.missing("quantity");
        }
        if (qty.compareTo(STEP) < 0 || qty.remainder(STEP).signum() != 0 || qty.compareTo(MAX_QTY) > 0) {
            throw ApiException.badRequest(-1013, "Filter failure: LOT_SIZE");
        }
        if (type.equals("MARKET") && qty.compareTo(MARKET_MAX_QTY) > 0) {
            throw ApiException.badRequest(-1013, "Filter failure: MARKET_LOT_SIZE");
        }
        BigDecimal price = null;
        BigDecimal stop = null;
        String tif = null;
        if (type.equals("LIMIT") || type.equals("STOP_LOSS_LIMIT")) {
            price = checkPrice("price", n.price());
            if (n.timeInForce() == null) {
                throw ApiException.missing("timeInForce");
            }
            if (!List.of("GTC", "IOC", "FOK").contains(n.timeInForce())) {
                throw ApiException.badRequest(-1115, "Invalid timeInForce.");
            }
            tif = n.timeInForce();
        }
        if (type.startsWith("STOP_LOSS")) {
            stop = checkPrice("stopPrice", n.stopPrice());
            boolean immediate = n.side().equals("SELL") ? stop.compareTo(lastPrice) >= 0 : stop.compareTo(lastPrice) <= 0;
            if (immediate) {
                throw ApiException.badRequest(-2010, "Order would trigger immediately.");
            }
        }
        BigDecimal notionalPrice = price != null ? price : stop != null ? stop : lastPrice;
        BigDecimal notional = notionalPrice.multiply(qty);
        // applyMaxToMarket is false: a MARKET order is held only to the minimum
        if (notional.compareTo(MIN_NOTIONAL) < 0 || !type.equals("MARKET") && notional.compareTo(MAX_NOTIONAL) > 0) {
            throw ApiException.badRequest(-1013, "Filter failure: NOTIONAL");
        }
        long now = wall.getAsLong();
        String id = cid != null ? cid : randomId();
        // What the order needs to hold: a sell holds its base; a buy its quote at the limit (or last) price.
        if (n.side().equals("SELL")) {
            need(base, qty);
        } else {
            need(quote, qty.multiply(price != null ? price : lastPrice));
        }
        Order o = new Order(nextOrderId++, id, n.side(), type, qty, price, stop, tif, now);
        orders.put(o.id, o);
        if (!type.equals("MARKET")) {
            lock(o);
        }
        events.execution(o, "NEW", null);
        switch (type) {
            case "MARKET" -> execute(o, lastPrice, now);
            case "LIMIT" -> {
                if (n.side().equals("BUY") ? lastPrice.compareTo(price) <= 0 : lastPrice.compareTo(price) >= 0) {
                    execute(o, lastPrice, now);
                }
            }
            default -> {
            }
        }
        events.balances(now, balances());
        return o;
    }

    private String randomId() {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private BigDecimal checkPrice(String field, String text) {
        if (text == null) {
            throw ApiException.missing(field);
        }
        BigDecimal p = decimal(field, text);
        if (p.compareTo(tick) < 0 || p.remainder(tick).signum() != 0 || p.compareTo(MAX_PRICE) > 0) {
            throw ApiException.badRequest(-1013, "Filter failure: PRICE_FILTER");
        }
        return p;
    }

    private static BigDecimal decimal(String field, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(-1100, "Illegal characters found in parameter '" + field + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
    }

    private void need(String asset, BigDecimal amount) {
        if (balances.get(asset)[0].compareTo(amount) < 0) {
            throw ApiException.badRequest(-2010, "Account has insufficient balance for requested action.");
        }
    }

    private void lock(Order o) {
        if (o.side.equals("SELL")) {
            move(base, o.origQty);
        } else if (o.price != null) {
            move(quote, o.origQty.multiply(o.price));
        }
    }

    private void unlock(Order o) {
        BigDecimal amount = o.side.equals("SELL") ? o.origQty.subtract(o.executedQty) : o.price != null
                ? o.origQty.subtract(o.executedQty).multiply(o.price) : BigDecimal.ZERO;
        String asset = o.side.equals("SELL") ? base : quote;
        BigDecimal[] b = balances.get(asset);
        b[1] = b[1].subtract(amount);
        b[0] = b[0].add(amount);
    }

    private void move(String asset, BigDecimal amount) {
        BigDecimal[] b = balances.get(asset);
        b[0] = b[0].subtract(amount);
        b[1] = b[1].add(amount);
    }

    /**
     * Fills the whole order at {@code price}, in one execution or as many as a fault asks for
     * (PARTIALLY_FILLED until the last); a locked order pays from its lock.
     */
    private void execute(Order o, BigDecimal price, long now) {
        boolean locked = !o.type.equals("MARKET") && (o.side.equals("SELL") || o.price != null);
        if (locked) {
            unlock(o);
        }
        boolean buy = o.side.equals("BUY");
        boolean inBase = buy && commission == Commission.RECEIVED_ASSET;
        BigDecimal notional = price.multiply(o.origQty);
        BigDecimal need = buy ? (inBase ? notional : notional.add(notional.multiply(fee))) : o.origQty;
        if (balances.get(buy ? quote : base)[0].compareTo(need) < 0) {
            expire(o, now);
            return;
        }
        if (o.workingTime < 0) {
            o.workingTime = now;
        }
        List<BigDecimal> parts = parts(o.origQty, fillParts.getAsInt());
        for (int i = 0; i < parts.size(); i++) {
            trade(o, price, parts.get(i), inBase, now, i == parts.size() - 1);
        }
        filledByClientId.merge(o.clientOrderId, 1, Integer::sum);
    }

    /** {@code qty} in {@code n} steps on the lot grid, the rest in the last; one step if it is too small to split. */
    private static List<BigDecimal> parts(BigDecimal qty, int n) {
        BigDecimal part = qty.divide(BigDecimal.valueOf(Math.max(1, n)), STEP.scale(), RoundingMode.DOWN);
        if (n <= 1 || part.compareTo(STEP) < 0) {
            return List.of(qty);
        }
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            out.add(part);
        }
        out.add(qty.subtract(part.multiply(BigDecimal.valueOf(n - 1))));
        return out;
    }

    private void trade(Order o, BigDecimal price, BigDecimal qty, boolean inBase, long now, boolean last) {
        BigDecimal notional = price.multiply(qty);
        BigDecimal[] b = balances.get(base);
        BigDecimal[] q = balances.get(quote);
        BigDecimal paid = (inBase ? qty : notional).multiply(fee).setScale(8, RoundingMode.HALF_UP);
        String commissionAsset = inBase ? base : quote;
        if (o.side.equals("BUY")) {
            q[0] = q[0].subtract(inBase ? notional : notional.add(paid));
            b[0] = b[0].add(inBase ? qty.subtract(paid) : qty);
        } else {
            b[0] = b[0].subtract(qty);
            q[0] = q[0].add(notional).subtract(paid);
        }
        o.executedQty = o.executedQty.add(qty);
        o.cumQuote = o.cumQuote.add(notional);
        o.status = last ? "FILLED" : "PARTIALLY_FILLED";
        o.updateTime = now;
        Fill f = new Fill(nextFillId++, o.id, o.side, price, qty, paid, commissionAsset, now);
        fills.add(f);
        events.execution(o, "TRADE", f);
    }

    private void expire(Order o, long now) {
        o.status = "EXPIRED";
        o.updateTime = now;
        events.execution(o, "EXPIRED", null);
    }

    /** A replayed trade: triggers stops and crosses limits at its price. */
    synchronized void onTrade(double tradePrice) {
        BigDecimal p = BigDecimal.valueOf(tradePrice);
        long now = wall.getAsLong();
        boolean changed = false;
        for (Order o : orders.values()) {
            if (!o.isOpen()) {
                continue;
            }
            boolean sell = o.side.equals("SELL");
            if (o.stopPrice != null && o.workingTime < 0) {
                boolean hit = sell ? p.compareTo(o.stopPrice) <= 0 : p.compareTo(o.stopPrice) >= 0;
                if (!hit) {
                    continue;
                }
                o.workingTime = now;
                if (o.type.equals("STOP_LOSS")) {
                    execute(o, p, now);
                    changed = true;
                    continue;
                }
            }
            if (o.price != null && o.workingTime >= 0 && (sell ? p.compareTo(o.price) >= 0 : p.compareTo(o.price) <= 0)) {
                execute(o, o.price, now);
                changed = true;
            }
        }
        if (changed) {
            events.balances(now, balances());
        }
    }

    /** {@code cancelClientId}: the cancel request's own client id, generated when null. */
    synchronized Order cancel(Long orderId, String clientId, String cancelClientId) {
        Order o = find(orderId, clientId);
        if (o == null || !o.isOpen()) {
            throw ApiException.badRequest(-2011, "Unknown order sent.");
        }
        unlock(o);
        o.status = "CANCELED";
        o.updateTime = wall.getAsLong();
        o.cancelClientOrderId = cancelClientId != null ? cancelClientId : randomId();
        events.execution(o, "CANCELED", null);
        events.balances(o.updateTime, balances());
        return o;
    }

    synchronized Order get(Long orderId, String clientId) {
        Order o = find(orderId, clientId);
        if (o == null) {
            throw ApiException.badRequest(-2013, "Order does not exist.");
        }
        return o;
    }

    private Order find(Long orderId, String clientId) {
        if (orderId != null) {
            return orders.get(orderId);
        }
        if (clientId != null) {
            // the newest order with that id (ids may be reused once an order is done)
            Order found = null;
            for (Order o : orders.values()) {
                if (o.clientOrderId.equals(clientId)) {
                    found = o;
                }
            }
            return found;
        }
        throw ApiException.badRequest(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
    }

    synchronized List<Order> open() {
        return orders.values().stream().filter(Order::isOpen).toList();
    }

    synchronized List<Order> all() {
        return List.copyOf(orders.values());
    }

    synchronized List<Fill> fills() {
        return List.copyOf(fills);
    }

    /** How many orders with each client id filled: a reused id counts every order that used it. */
    synchronized Map<String, Integer> filledByClientId() {
        return Map.copyOf(filledByClientId);
    }

    /** asset -> {free, locked}, copied. */
    synchronized Map<String, BigDecimal[]> balances() {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        balances.forEach((a, v) -> out.put(a, v.clone()));
        return out;
    }
}
