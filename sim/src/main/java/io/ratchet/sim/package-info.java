/**
 * A local Binance spot exchange on loopback: the REST subset and the trade and kline streams
 * that XChange and Ratchet's live runner use, and the WebSocket API's user data stream
 * ({@code /ws-api/v3}: executionReport, outboundAccountPosition, pings, connection lifetime with
 * serverShutdown), replaying historical klines as trades, filling MARKET orders and triggering
 * STOP_LOSS orders against the replayed price, with faults on demand, including those that
 * strike after the exchange acted (a lost reply, a stream cut right after a fill). Deterministic:
 * the data and the seed fix every price and every fault.
 */
package io.ratchet.sim;
