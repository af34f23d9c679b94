package io.ratchet.live;

import io.ratchet.live.store.PositionStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that fails on demand, as a database that went away does; counts the writes it refused. */
final class FailingStore implements PositionStore {
    final PositionStore inner;
    final AtomicBoolean failing = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();

    FailingStore(PositionStore inner) {
        this.inner = inner;
    }

    private void check() {
        if (failing.get()) {
            refused.incrementAndGet();
            throw new IllegalStateException("storing failed: connection refused (injected)");
        }
    }

    @Override
    public Position create(Position p, StopEvent opened, String key) {
        check();
        return inner.create(p, opened, key);
    }

    @Override
    public Optional<Position> byIdempotencyKey(String key) {
        check();
        return inner.byIdempotencyKey(key);
    }

    @Override
    public void save(Position p, StopEvent... events) {
        check();
        inner.save(p, events);
    }

    @Override
    public Optional<Position> get(long id) {
        return inner.get(id);
    }

    @Override
    public List<Position> open() {
        return inner.open();
    }

    @Override
    public List<Position> all() {
        return inner.all();
    }

    @Override
    public List<StopEvent> events(long positionId) {
        return inner.events(positionId);
    }

    @Override
    public String clientPrefix() {
        return inner.clientPrefix();
    }

    @Override
    public String setting(String name, String ifAbsent) {
        return inner.setting(name, ifAbsent);
    }

    @Override
    public void putSetting(String name, String value) {
        inner.putSetting(name, value);
    }

    @Override
    public void close() {
        inner.close();
    }
}
