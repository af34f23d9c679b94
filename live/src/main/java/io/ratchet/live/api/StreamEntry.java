package io.ratchet.live.api;

import java.util.function.Supplier;

/**
 * One message of {@code /api/stream}. Its JSON is made by the first reader that sends it, never
 * on the runner's thread, and then kept for the other readers.
 *
 * @param kind the SSE event name: {@code stop-event}, {@code position}, {@code trade} or {@code notice}
 */
final class StreamEntry {
    final long seq;
    final String kind;
    private final Supplier<String> json;
    private volatile String made;

    StreamEntry(long seq, String kind, Supplier<String> json) {
        this.seq = seq;
        this.kind = kind;
        this.json = json;
    }

    String json() {
        String j = made;
        if (j == null) {
            j = json.get();
            made = j;
        }
        return j;
    }
}
