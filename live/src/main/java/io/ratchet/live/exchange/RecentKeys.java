package io.ratchet.live.exchange;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last {@code capacity} keys seen: enough to recognise an event both connections of a renewal delivered. */
final class RecentKeys {
    private final Map<String, Boolean> seen;

    RecentKeys(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code key} is offered (while it is among the recent ones). */
    synchronized boolean firstTime(String key) {
        return seen.put(key, Boolean.TRUE) == null;
    }
}
