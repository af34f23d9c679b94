package io.ratchet.sim;

import java.math.BigDecimal;

/** One execution, as {@code myTrades} shows it. */
record Fill(long id, long orderId, String side, BigDecimal price, BigDecimal qty, BigDecimal commission, String commissionAsset, long time) {
}
