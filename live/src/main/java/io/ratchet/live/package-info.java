/**
 * Live trailing: the engine's {@code TrailingStop} per position, fed by live trades, driven
 * by one writer thread ({@link io.ratchet.live.LiveRunner}) behind narrow ports — where
 * prices come from, where orders go, where state is kept — so a live run is the backtest's
 * rules on another price source. Every change is committed before the order that depends
 * on it is sent.
 */
package io.ratchet.live;
