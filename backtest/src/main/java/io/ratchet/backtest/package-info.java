/**
 * Backtests and sweeps: the engine driven over historical klines. {@code entry} says where
 * positions open, {@code sweep} scores grids of configurations with one pass over the bars.
 */
package io.ratchet.backtest;
