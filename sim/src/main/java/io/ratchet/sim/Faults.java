package io.ratchet.sim;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults on demand. Scheduled ones come from the command line (every N-th request, every N
 * seconds of replay); one-shot ones are armed by tests ({@code rateLimitNext(3, 2)}). A seed
 * makes the random ones repeatable.
 */
public final class Faults {
    /** Every N-th REST request answers 429 (0: never). */
    volatile int rateLimitEvery;
    /** Seconds in Retry-After on 429/418. */
    volatile int retryAfterSeconds = 1;
    /** Every N-th REST request answers 503 (0: never). */
    volatile int serverErrorEvery;
    /** Every N-th signed request answers -1021 (0: never). */
    volatile int timestampErrorEvery;
    /** Added to every REST answer, ms. */
    volatile long delayMillis;
    /** Drop every stream connection every N seconds of wall time (0: never). */
    volatile int dropStreamEverySeconds;
    /** Share of REST requests answered 503 at random, seeded (0..1). */
    volatile double serverErrorRate;

    final AtomicInteger rateLimitNext = new AtomicInteger();
    final AtomicInteger serverErrorNext = new AtomicInteger();
    final AtomicInteger timestampErrorNext = new AtomicInteger();
    final AtomicLong stallUntilWallMillis = new AtomicLong();
    final AtomicInteger dropRequests = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final SplittableRandom random;

    public Faults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public Faults rateLimitEvery(int n, int retryAfter) {
        this.rateLimitEvery = n;
        this.retryAfterSeconds = retryAfter;
        return this;
    }

    public Faults serverErrorEvery(int n) {
        this.serverErrorEvery = n;
        return this;
    }

    public Faults serverErrorRate(double p) {
        this.serverErrorRate = p;
        return this;
    }

    public Faults timestampErrorEvery(int n) {
        this.timestampErrorEvery = n;
        return this;
    }

    public Faults delay(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public Faults dropStreamEvery(int seconds) {
        this.dropStreamEverySeconds = seconds;
        return this;
    }

    /** The next {@code n} REST requests answer 429 with Retry-After {@code seconds}. */
    public void rateLimitNext(int n, int seconds) {
        retryAfterSeconds = seconds;
        rateLimitNext.set(n);
    }

    /** The next {@code n} REST requests answer 503. */
    public void serverErrorNext(int n) {
        serverErrorNext.set(n);
    }

    /** The next {@code n} signed requests answer -1021. */
    public void timestampErrorNext(int n) {
        timestampErrorNext.set(n);
    }

    /** Closes every stream connection now (clients must reconnect). */
    public void dropStreamsNow() {
        dropRequests.incrementAndGet();
    }

    /** Streams stay open but send nothing for {@code millis} (a silent, half-dead connection). */
    public void stallStreams(long millis, long nowWall) {
        stallUntilWallMillis.set(nowWall + millis);
    }

    /** What to do with this REST request: 0 answer normally, else the HTTP status to fail with. */
    synchronized int restFault() {
        long n = requests.incrementAndGet();
        if (rateLimitNext.get() > 0 && rateLimitNext.getAndDecrement() > 0) {
            return 429;
        }
        if (serverErrorNext.get() > 0 && serverErrorNext.getAndDecrement() > 0) {
            return 503;
        }
        if (rateLimitEvery > 0 && n % rateLimitEvery == 0) {
            return 429;
        }
        if (serverErrorEvery > 0 && n % serverErrorEvery == 0) {
            return 503;
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            return 503;
        }
        return 0;
    }

    private final AtomicLong signed = new AtomicLong();

    boolean timestampFault() {
        long n = signed.incrementAndGet();
        if (timestampErrorNext.get() > 0 && timestampErrorNext.getAndDecrement() > 0) {
            return true;
        }
        return timestampErrorEvery > 0 && n % timestampErrorEvery == 0;
    }
}
