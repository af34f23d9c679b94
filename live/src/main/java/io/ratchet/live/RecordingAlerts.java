package io.ratchet.live;

import io.ratchet.live.record.TradeRecorder;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner does when {@code --record} cannot write (a full or failing disk) and when it
 * can again: the recorder has logged it; here every open position stores it as an event, the
 * dashboard and the notifier are told (a person sees it), and trading goes on untouched. Called
 * on the recorder's thread; the work is handed to the runner's.
 */
final class RecordingAlerts implements TradeRecorder.Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingAlerts.class);

    /** What the alerts may do to the runner; each call runs on the runner's thread. */
    interface Core {
        Collection<Position> positions();

        void tell(String type, Position p, String detail);
    }

    private final RunnerThread thread;
    private final Journal journal;
    private final Clock clock;
    private final Core core;

    RecordingAlerts(RunnerThread thread, Journal journal, Clock clock, Core core) {
        this.thread = thread;
        this.journal = journal;
        this.clock = clock;
        this.core = core;
    }

    @Override
    public void failing(String detail) {
        LOG.warn("trading goes on while recording fails: {}", detail);
        thread.post("recording failed", () -> note(EventType.RECORDING_FAILED, detail));
    }

    @Override
    public void recovered(String detail) {
        thread.post("recording recovered", () -> note(EventType.RECORDING_RESUMED, detail));
    }

    private void note(EventType type, String detail) {
        long now = clock.millis();
        for (Position p : List.copyOf(core.positions())) {
            journal.save(p, StopEvent.of(p, now, type, p.lastPrice(), p.stop(), p.stop(), detail));
        }
        core.tell(type.name(), null, detail);
    }
}
