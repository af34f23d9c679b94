package io.ratchet.live;

/**
 * The runner's own state for the dashboard's health strip.
 *
 * @param databaseWaiting writes kept in memory while the database fails (0 when healthy)
 */
public record LiveHealth(boolean dryRun, boolean protectOnExchange, FeedHealth feed, int databaseWaiting) {
}
