package io.ratchet.data.read;

import io.ratchet.data.kline.Gap;
import java.time.Instant;
import java.util.List;

/**
 * What reading a series found, in one summary: errors (the series is refused), identical
 * duplicates dropped, and gaps (reported, never filled).
 *
 * @param errors     the first problems found, each naming file and line
 * @param errorCount all problems found (more than listed when there are many)
 */
public record ValidationReport(int files, int rows, List<String> errors, int errorCount, int duplicatesDropped, List<Gap> gaps) {

    public static final int MAX_LISTED = 20;

    public boolean hasErrors() {
        return errorCount > 0;
    }

    public long missingBars() {
        return gaps.stream().mapToLong(Gap::missing).sum();
    }

    /** The summary a user reads. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(files).append(files == 1 ? " file, " : " files, ").append(rows).append(" rows");
        if (duplicatesDropped > 0) {
            sb.append(", ").append(duplicatesDropped).append(" identical duplicate rows dropped");
        }
        sb.append(", ").append(gaps.size()).append(gaps.size() == 1 ? " gap" : " gaps");
        if (!gaps.isEmpty()) {
            sb.append(" (").append(missingBars()).append(" missing bars)");
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

    /** The gaps as lines {@code after -> before (missing)}, UTC. */
    public String gapList(int max) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        for (Gap g : gaps) {
            if (k++ == max) {
                sb.append("  ... and ").append(gaps.size() - max).append(" more\n");
                break;
            }
            sb.append("  ").append(Instant.ofEpochMilli(g.lastBefore())).append(" -> ").append(Instant.ofEpochMilli(g.firstAfter()))
                    .append(" (").append(g.missing()).append(" missing)\n");
        }
        return sb.toString();
    }
}
