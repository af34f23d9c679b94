package io.ratchet.live.record;

/**
 * The recording as the health strip shows it.
 *
 * @param failing  the last write failed (the trades wait in memory and are written again)
 * @param written  trades written since the start
 * @param waiting  trades in memory, not written yet
 * @param dropped  trades not kept because memory was full while writing failed: the recording has a gap there
 * @param problem  why the last write failed, or null
 * @param where    where the trades go
 */
public record RecordingHealth(boolean failing, long written, int waiting, long dropped, String problem, String where) {
}
