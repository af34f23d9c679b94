package io.ratchet.cli;

import io.ratchet.data.io.OwnedFile.Kind;

/**
 * How each file a command writes begins, so that a later run may replace its own file and no
 * other ({@link io.ratchet.data.io.OwnedFile}). Each header is the start of the line its
 * writer prints; {@code OutputSafetyTest} runs every sweep and backtest output twice onto one
 * path, and {@code RecordReplayTest} exports a position twice into one folder, so a header
 * changed in one place and not here fails there.
 */
final class OutputKinds {
    static final Kind SWEEP_JSON = Kind.json("a sweep result");
    static final Kind BACKTEST_JSON = Kind.json("a backtest result");
    static final Kind PICK = Kind.json("an exported pick");
    static final Kind CONFIG = Kind.json("a configuration");
    static final Kind SWEEP_TABLE = Kind.csv("a sweep table", "mode,trail,activation,initialStop,");
    static final Kind EQUITY = Kind.csv("an equity curve", "time,equity");
    static final Kind TRADES = Kind.csv("a list of trades", "entryTime,direction,entryPrice,exitTime,");
    static final Kind STOPS = Kind.csv("a stop trace", "entry_time,direction,event,time,");
    static final Kind ENTRIES = Kind.csv("a list of entries", "time,direction,price");

    private OutputKinds() {
    }
}
