/**
 * A local Binance spot exchange on loopback: the REST subset and the trade and kline streams
 * that XChange and Ratchet's live runner use, replaying historical klines as trades, filling
 * MARKET orders and triggering STOP_LOSS orders against the replayed price, with faults on
 * demand. Deterministic: the data and the seed fix every price and every fault.
 */
package io.ratchet.sim;
