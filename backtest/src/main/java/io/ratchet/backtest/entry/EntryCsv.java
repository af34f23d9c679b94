package io.ratchet.backtest.entry;

import io.ratchet.engine.Bars;
import io.ratchet.engine.Direction;
import io.ratchet.engine.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An entries file: {@code time,direction} per line, {@code time} the epoch ms of a bar's
 * open, an optional header line. Each row is one position; rows may repeat a time.
 */
public final class EntryCsv {
    private EntryCsv() {
    }

    public static Entries read(Path file, Bars bars) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EntryFileException(file + ": cannot read: " + e.getMessage());
        }
        List<int[]> rows = new ArrayList<>();
        List<Direction> dirs = new ArrayList<>();
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1)); // a spreadsheet's byte order mark: encoding, not a column
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            int lineNo = n + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (n == 0 && f[0].trim().equalsIgnoreCase("time")) {
                continue;
            }
            if (f.length != 2) {
                throw new EntryFileException(file + ": line " + lineNo + ": expected 2 columns time,direction, found " + f.length);
            }
            long time;
            try {
                time = Long.parseLong(f[0].trim());
            } catch (NumberFormatException e) {
                throw new EntryFileException(file + ": line " + lineNo + ": column time: not epoch milliseconds: '" + f[0].trim() + "'");
            }
            int bar = bars.indexOf(time);
            if (bar < 0) {
                throw new EntryFileException(file + ": line " + lineNo + ": column time: " + time + " ("
                        + java.time.Instant.ofEpochMilli(time) + ") is not the open time of a bar in the data");
            }
            Direction d;
            try {
                d = Direction.parse(f[1]);
            } catch (InvalidConfigException e) {
                throw new EntryFileException(file + ": line " + lineNo + ": column direction: " + e.getMessage().substring("direction: ".length()));
            }
            rows.add(new int[] {bar, rows.size()});
            dirs.add(d);
        }
        rows.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
        int[] bar = new int[rows.size()];
        Direction[] dir = new Direction[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            bar[k] = rows.get(k)[0];
            dir[k] = dirs.get(rows.get(k)[1]);
        }
        return new Entries(bar, dir);
    }
}
