package io.ratchet.sim;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults on demand. Scheduled ones come from the command line (every N-th request, every N
 * seconds of replay); one-shot ones are armed by tests ({@code rateLimitNext(3, 2)}). Aimed
 * ones hit only requests that match ({@code rateLimitBurst("POST /api/v3/order SELL", 3, 2)})
 * and count what they served. Some strike after the exchange acted: the reply lost
 * ({@link #loseReplyNext}), the streams cut right after a fill ({@link #dropStreamsAfterNextFill}),
 * which is when a client is most likely to act twice. A seed makes the random ones repeatable.
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
    /** Every N-th order request (POST/DELETE under /api/v3/order) loses its reply after acting (0: never). */
    volatile int loseReplyEvery;
    volatile LostReply loseReplyHow = LostReply.STATUS_503;
    /** Every N-th fill drops every stream connection, the user data stream before it tells of the fill (0: never). */
    volatile int dropStreamsEveryFills;

    private final List<AimedFault> rateLimitBursts = new CopyOnWriteArrayList<>();
    private final List<AimedFault> timestampBursts = new CopyOnWriteArrayList<>();
    private final List<AimedFault> rejections = new CopyOnWriteArrayList<>();
    private final Map<AimedFault, Rejection> rejectionKinds = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<AimedFault> lostReplies = new CopyOnWriteArrayList<>();
    private final Map<AimedFault, LostReply> lostReplyKinds = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicBoolean dropAfterNextFill = new AtomicBoolean();
    private final AtomicInteger splitNextFill = new AtomicInteger();
    private final AtomicInteger streamDropsAfterFill = new AtomicInteger();
    private final AtomicLong orderRequests = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();
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

    public Faults loseReplyEvery(int n, LostReply how) {
        this.loseReplyEvery = n;
        this.loseReplyHow = how;
        return this;
    }

    public Faults dropStreamsEveryFills(int n) {
        this.dropStreamsEveryFills = n;
        return this;
    }

    /**
     * The next request matching {@code request} ({@code "POST /api/v3/order SELL"}, see
     * {@link RequestMatch#parse}) is carried out (order placed, filled, canceled) and then its
     * reply is lost as {@code how} says.
     */
    public AimedFault loseReplyNext(String request, LostReply how) {
        AimedFault f = new AimedFault(RequestMatch.parse(request), 1);
        lostReplyKinds.put(f, how);
        lostReplies.add(f);
        return f;
    }

    /** The next {@code n} requests matching {@code request} answer 429 -1003 with Retry-After {@code seconds}, unprocessed. */
    public AimedFault rateLimitBurst(String request, int n, int seconds) {
        retryAfterSeconds = seconds;
        AimedFault f = new AimedFault(RequestMatch.parse(request), n);
        rateLimitBursts.add(f);
        return f;
    }

    /** The next {@code n} requests matching {@code request} answer 400 -1021, unprocessed. */
    public AimedFault timestampBurst(String request, int n) {
        AimedFault f = new AimedFault(RequestMatch.parse(request), n);
        timestampBursts.add(f);
        return f;
    }

    /** The next request matching {@code request} is refused as {@code why} (a filter or the balance), unprocessed. */
    public AimedFault rejectNext(String request, Rejection why) {
        AimedFault f = new AimedFault(RequestMatch.parse(request), 1);
        rejectionKinds.put(f, why);
        rejections.add(f);
        return f;
    }

    /** The next order to fill does so in {@code parts} executions (PARTIALLY_FILLED, ..., FILLED) at one price. */
    public void splitNextFill(int parts) {
        if (parts < 2) {
            throw new IllegalArgumentException("a split fill has at least two parts, got " + parts);
        }
        splitNextFill.set(parts);
    }

    /** In how many executions this fill goes: 1 unless a split is armed (and then it is used up). */
    int takeFillParts() {
        return Math.max(1, splitNextFill.getAndSet(0));
    }

    /** Right after the next fill every stream connection drops; the user data stream loses that fill's events. */
    public void dropStreamsAfterNextFill() {
        dropAfterNextFill.set(true);
    }

    /** Disarms a pending drop after the next fill (a scenario ended before any fill). */
    public void cancelDropAfterNextFill() {
        dropAfterNextFill.set(false);
    }

    /** How many times a fill has dropped the streams. */
    public int streamDropsAfterFill() {
        return streamDropsAfterFill.get();
    }

    /** An aimed fault for a request before it is processed, or null: burst 429, burst -1021, rejection, in that order. */
    ApiException aimedFault(String method, String path, Map<String, String> params) {
        for (AimedFault f : rateLimitBursts) {
            if (f.take(method, path, params)) {
                return new ApiException(429, -1003, "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
                        + "Please use WebSocket Streams for live updates to avoid polling the API.");
            }
        }
        for (AimedFault f : timestampBursts) {
            if (f.take(method, path, params)) {
                return ApiException.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
            }
        }
        for (AimedFault f : rejections) {
            if (f.take(method, path, params)) {
                return rejectionKinds.get(f).exception();
            }
        }
        return null;
    }

    /** How this acted-on request loses its reply, or null if it does not. */
    LostReply lostReply(String method, String path, Map<String, String> params) {
        for (AimedFault f : lostReplies) {
            if (f.take(method, path, params)) {
                return lostReplyKinds.get(f);
            }
        }
        boolean orderRequest = path.startsWith("/api/v3/order") && !path.equals("/api/v3/order/test")
                && (method.equals("POST") || method.equals("DELETE"));
        if (orderRequest && loseReplyEvery > 0 && orderRequests.incrementAndGet() % loseReplyEvery == 0) {
            return loseReplyHow;
        }
        return null;
    }

    /** Whether this fill drops the streams (an armed one-shot or the scheduled every-N-th). */
    boolean dropsStreamsOnFill() {
        long n = fills.incrementAndGet();
        boolean drop = dropAfterNextFill.getAndSet(false) || dropStreamsEveryFills > 0 && n % dropStreamsEveryFills == 0;
        if (drop) {
            streamDropsAfterFill.incrementAndGet();
            dropRequests.incrementAndGet();
        }
        return drop;
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
