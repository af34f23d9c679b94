package io.ratchet.live.store;

import io.ratchet.live.Position;
import io.ratchet.live.StopEvent;
import java.util.List;
import java.util.Optional;

/** Where positions and their events are kept. Each write is durable when the call returns. */
public interface PositionStore extends AutoCloseable {

    /** Stores a new position with the next id and returns it with that id. */
    Position create(Position p, StopEvent opened);

    /** Replaces the position's row and appends events, in one transaction. */
    void save(Position p, StopEvent... events);

    Optional<Position> get(long id);

    /** Positions not yet closed or failed. */
    List<Position> open();

    List<Position> all();

    List<StopEvent> events(long positionId);

    @Override
    void close();
}
