package io.ratchet.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times on the command line: {@code 2024-01-01}, {@code 2024-01-01T12:00}, an ISO instant, or epoch ms; always UTC. */
final class Times {
    private Times() {
    }

    static long parse(String option, String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{9,}")) {
                return Long.parseLong(t);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (t.endsWith("Z")) {
                return Instant.parse(t).toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new UsageException(option + ": expected a date (2024-01-01), a UTC time (2024-01-01T12:00) or epoch ms, got '" + text + "'");
        }
    }
}
