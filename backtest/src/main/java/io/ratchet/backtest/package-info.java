/** Ratchet backtest module: arrives with its own issue. */
package io.ratchet.backtest;
