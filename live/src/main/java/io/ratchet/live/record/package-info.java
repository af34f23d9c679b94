/**
 * Recording what the live runner receives ({@code ratchet live --record}): the runner hands every
 * trade to a {@link io.ratchet.live.record.TradeRecorder} on its own thread, at the cost of an
 * append to memory; {@link io.ratchet.live.record.BufferedTradeRecorder} writes them to a
 * {@link io.ratchet.live.record.TradeSink} on a thread of its own, every few seconds, and says
 * when it cannot (the trading goes on).
 */
package io.ratchet.live.record;
