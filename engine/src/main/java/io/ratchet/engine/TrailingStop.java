package io.ratchet.engine;

/**
 * The trailing state of one position, fed one price at a time: the rules 1–4 of the
 * contract, nothing else. A backtest feeds it the four points of each bar, live feeds it
 * trades; both get the same stop.
 *
 * <p>Not thread-safe: one writer per position. {@link #open} resets it, so one instance can
 * serve many positions in a loop without allocating.
 */
public final class TrailingStop {

    /** {@link #onPrice}/{@link #onGap} result: nothing changed. */
    public static final int NONE = 0;
    /** The stop ratcheted. */
    public static final int MOVED = 1;
    /** The stop was hit; the position is closed at {@link #trigger()}. */
    public static final int HIT = 2;

    private final StopListener listener;
    private final boolean profitLock;
    private final double trail;
    private final double activation;
    private final double initialStop;

    private int d;
    private double entry;
    private double peak;
    private double stop = Double.NaN;
    private double last;
    private double trigger = Double.NaN;
    private boolean open;

    public TrailingStop(TrailingConfig config) {
        this(config, StopListener.NONE);
    }

    public TrailingStop(TrailingConfig config, StopListener listener) {
        this.listener = listener;
        this.profitLock = config.mode() == Mode.PROFIT_LOCK;
        this.trail = config.trail();
        this.activation = config.activation();
        this.initialStop = config.initialStop();
    }

    /**
     * Opens a position at {@code entryPrice}. The entry counts as a favourable point, so a
     * mode active from the start (percent with no activation) has its stop at once.
     *
     * @return {@link #MOVED} if a stop exists after the entry, else {@link #NONE}
     */
    public int open(Direction direction, double entryPrice, long time) {
        if (!(entryPrice > 0) || Double.isInfinite(entryPrice)) {
            throw new IllegalArgumentException("entry price must be a positive number, got " + entryPrice);
        }
        set(direction, entryPrice, entryPrice, Double.NaN, entryPrice);
        int result = NONE;
        if (initialStop == initialStop) {
            stop = entryPrice * (1 - d * initialStop);
            listener.onStopMoved(time, entryPrice, Double.NaN, stop);
            result = MOVED;
        }
        return ratchet(time, entryPrice) ? MOVED : result;
    }

    /**
     * Resumes a position from stored state (a restarted live runner) exactly as it was:
     * no events, no recomputation. {@code currentStop} is {@code NaN} where there was none.
     */
    public void resume(Direction direction, double entryPrice, double extreme, double currentStop, double lastPrice) {
        if (!(entryPrice > 0) || Double.isInfinite(entryPrice)) {
            throw new IllegalArgumentException("entry price must be a positive number, got " + entryPrice);
        }
        set(direction, entryPrice, extreme, currentStop, lastPrice);
    }

    private void set(Direction direction, double entryPrice, double extreme, double currentStop, double lastPrice) {
        this.d = direction.sign();
        this.entry = entryPrice;
        this.peak = extreme;
        this.stop = currentStop;
        this.last = lastPrice;
        this.trigger = Double.NaN;
        this.open = true;
    }

    /**
     * A price reached by a continuous move from the previous point (rules 2–3): on an
     * adverse or flat move that ends at or through the stop, the exit triggers at the stop.
     */
    public int onPrice(long time, double price) {
        return point(time, price, false);
    }

    /**
     * A price reached by a jump (a bar's open, a reconnect; rule 1): if it is adverse and
     * at or through the stop, the exit triggers at this price, not at the stop.
     */
    public int onGap(long time, double price) {
        return point(time, price, true);
    }

    private int point(long time, double price, boolean gap) {
        if (!open) {
            throw new IllegalStateException("position is not open");
        }
        double prev = last;
        last = price;
        if (d > 0 ? price > prev : price < prev) {
            return ratchet(time, price) ? MOVED : NONE;
        }
        if (stop == stop && (d > 0 ? price <= stop : price >= stop)) {
            trigger = gap ? price : stop;
            open = false;
            listener.onStopHit(time, price, trigger);
            return HIT;
        }
        return NONE;
    }

    /** Rule 3: the extreme takes the point if beyond it, and the stop follows if tighter. */
    private boolean ratchet(long time, double price) {
        if (d > 0 ? price > peak : price < peak) {
            peak = price;
        } else if (price != peak) {
            return false;
        }
        double profit = d * (peak - entry) / entry;
        if (profit < activation || (profitLock && profit <= 0)) {
            return false;
        }
        double candidate = profitLock ? entry + trail * (peak - entry) : peak * (1 - d * trail);
        if (stop == stop && !(d > 0 ? candidate > stop : candidate < stop)) {
            return false;
        }
        double old = stop;
        stop = candidate;
        listener.onStopMoved(time, price, old, candidate);
        return true;
    }

    /**
     * Closes the position without a stop hit (time exit, end of data, manual close). The
     * exit is triggered at {@code price}.
     */
    public void close(double price) {
        this.trigger = price;
        this.open = false;
    }

    public boolean isOpen() {
        return open;
    }

    public int sign() {
        return d;
    }

    public double entry() {
        return entry;
    }

    /** The favourable extreme since entry ({@code P}). */
    public double peak() {
        return peak;
    }

    /** The current stop, {@code NaN} if there is none yet. */
    public double stop() {
        return stop;
    }

    public boolean hasStop() {
        return stop == stop;
    }

    /** The last price fed. */
    public double last() {
        return last;
    }

    /** Where the exit triggered, {@code NaN} while open. */
    public double trigger() {
        return trigger;
    }
}
