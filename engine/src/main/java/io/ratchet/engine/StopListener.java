package io.ratchet.engine;

/**
 * Receives what a {@link TrailingStop} did, with primitive arguments so that nothing is
 * allocated per price. Called on the thread that feeds the tracker.
 */
public interface StopListener {

    /** The stop ratcheted from {@code oldStop} ({@code NaN} if none) to {@code newStop} at {@code price}. */
    void onStopMoved(long time, double price, double oldStop, double newStop);

    /** {@code price} hit the stop; the exit is triggered at {@code trigger} (the stop, or a gapped open). */
    void onStopHit(long time, double price, double trigger);

    /** A listener that ignores everything. */
    StopListener NONE = new StopListener() {
        @Override
        public void onStopMoved(long time, double price, double oldStop, double newStop) {
        }

        @Override
        public void onStopHit(long time, double price, double trigger) {
        }
    };
}
