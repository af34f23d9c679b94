package io.ratchet.live;

import io.ratchet.live.record.RecordingHealth;

/**
 * The runner's own state for the dashboard's health strip.
 *
 * @param databaseWaiting writes kept in memory while the database fails (0 when healthy)
 * @param recording       what {@code --record} does, or null when nothing is recorded
 */
public record LiveHealth(boolean dryRun, boolean protectOnExchange, FeedHealth feed, int databaseWaiting, RecordingHealth recording) {

    public LiveHealth(boolean dryRun, boolean protectOnExchange, FeedHealth feed, int databaseWaiting) {
        this(dryRun, protectOnExchange, feed, databaseWaiting, null);
    }
}
