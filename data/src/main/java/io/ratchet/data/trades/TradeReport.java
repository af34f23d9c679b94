package io.ratchet.data.trades;

import java.time.Instant;
import java.util.List;

/** What reading trades found: errors (the series is refused), identical duplicates dropped, gaps in ids (listed, never filled). */
public record TradeReport(int files, int rows, List<String> errors, int errorCount, int duplicatesDropped, List<TradeGap> gaps) {
    public static final int MAX_LISTED = 20;

    public long missingIds() {
        return gaps.stream().mapToLong(TradeGap::missing).sum();
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(files).append(files == 1 ? " file, " : " files, ").append(rows).append(" trades");
        if (duplicatesDropped > 0) {
            sb.append(", ").append(duplicatesDropped).append(" identical duplicate trades dropped");
        }
        sb.append(", ").append(gaps.size()).append(gaps.size() == 1 ? " gap in ids" : " gaps in ids");
        if (!gaps.isEmpty()) {
            sb.append(" (").append(missingIds()).append(" missing ids)");
        }
        if (errorCount > 0) {
            sb.append(", ").append(errorCount).append(errorCount == 1 ? " error:" : " errors:");
            for (String e : errors) {
                sb.append("\n  ").append(e);
            }
            if (errorCount > errors.size()) {
                sb.append("\n  ... and ").append(errorCount - errors.size()).append(" more");
            }
        }
        return sb.toString();
    }

    /** The gaps as lines {@code ids a -> b (missing), times}, UTC. */
    public static String gapList(List<TradeGap> gaps, int max) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (TradeGap g : gaps) {
            if (k++ == max) {
                sb.append("  ... and ").append(gaps.size() - max).append(" more\n");
                break;
            }
            sb.append("  ids ").append(g.lastIdBefore()).append(" -> ").append(g.firstIdAfter()).append(" (").append(g.missing())
                    .append(" missing), ").append(Instant.ofEpochMilli(g.timeBefore())).append(" -> ").append(Instant.ofEpochMilli(g.timeAfter()))
                    .append('\n');
        }
        return sb.toString();
    }
}
