package io.ratchet.live.store;

import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;
import java.util.List;
import java.util.Optional;

/** Where positions and their events are kept. Each write is durable when the call returns. */
public interface PositionStore extends AutoCloseable {

    /**
     * Stores a new position with the next id and returns it with that id. With an
     * idempotency key, the key is stored with it in the same transaction; a key already
     * stored answers its position instead, creating nothing.
     */
    Position create(Position p, StopEvent opened, String idempotencyKey);

    default Position create(Position p, StopEvent opened) {
        return create(p, opened, null);
    }

    /** The position created with this idempotency key, if any. */
    Optional<Position> byIdempotencyKey(String key);

    /** Replaces the position's row and appends events, in one transaction. */
    void save(Position p, StopEvent... events);

    Optional<Position> get(long id);

    /** Positions not yet closed or failed. */
    List<Position> open();

    List<Position> all();

    List<StopEvent> events(long positionId);

    /**
     * This installation's client order id prefix: random, made once and kept, so ids never
     * repeat across databases (an old filled order of another database is never "ours").
     */
    String clientPrefix();

    /** A setting of this installation: the stored value, or {@code ifAbsent}, stored now, when there is none. */
    String setting(String name, String ifAbsent);

    /** Replaces a setting of this installation. */
    void putSetting(String name, String value);

    @Override
    void close();
}
