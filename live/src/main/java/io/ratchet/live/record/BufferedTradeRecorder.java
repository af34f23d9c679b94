package io.ratchet.live.record;

import io.ratchet.live.exchange.AggTrade;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trades kept in memory by the runner's thread and written to a {@link TradeSink} by a thread
 * of its own: every {@code flushEveryMillis}, or as soon as {@code flushEveryTrades} are waiting,
 * and once more when it is closed. A kill loses at most what came since the last write.
 *
 * <p>{@link #record} only appends to a list under a lock the writer holds for no longer than a
 * swap of two maps: the runner never waits on the disk. A write that fails keeps its trades
 * (in memory, up to {@code maxWaiting}; beyond that new trades are dropped and counted, and the
 * recording has a gap of ids there) and is tried again at the next interval with whatever came
 * meanwhile; the first failure of a spell and the first success after it are told to the
 * {@link TradeRecorder.Alerts}. Each write is one symbol's trades in aggTradeId order, each id
 * once. Thread-safe.
 */
public final class BufferedTradeRecorder implements TradeRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedTradeRecorder.class);
    /** Defaults of {@code ratchet live --record}: a write every 5 s, or at 10,000 trades; up to 2,000,000 kept while writing fails. */
    public static final long DEFAULT_FLUSH_MILLIS = 5_000;
    public static final int DEFAULT_FLUSH_TRADES = 10_000;
    public static final int DEFAULT_MAX_WAITING = 2_000_000;
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    private final TradeSink sink;
    private final long flushEveryMillis;
    private final int flushEveryTrades;
    private final int maxWaiting;

    private final Object lock = new Object();
    // guarded by lock
    private Map<String, List<AggTrade>> incoming = new HashMap<>();
    private int incomingCount;
    private int waiting;
    private long dropped;
    private boolean closing;
    private boolean killed;

    // the writer's own
    private final Map<String, List<AggTrade>> unwritten = new TreeMap<>();
    private long droppedTold;
    private boolean toldFull;
    private int failures;
    private volatile Alerts alerts = new Alerts() {
        @Override
        public void failing(String detail) {
        }

        @Override
        public void recovered(String detail) {
        }
    };
    private volatile Thread writer;
    private volatile boolean failing;
    private volatile String problem;
    private volatile long written;

    /**
     * @param flushEveryMillis write at least this often
     * @param flushEveryTrades write as soon as this many trades came in since the last write
     * @param maxWaiting       keep at most this many unwritten trades in memory (while writing fails)
     */
    public BufferedTradeRecorder(TradeSink sink, long flushEveryMillis, int flushEveryTrades, int maxWaiting) {
        if (flushEveryMillis <= 0 || flushEveryTrades <= 0 || maxWaiting <= 0) {
            throw new IllegalArgumentException("the flush interval, the flush size and the memory bound must be positive");
        }
        this.sink = sink;
        this.flushEveryMillis = flushEveryMillis;
        this.flushEveryTrades = flushEveryTrades;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void record(String symbol, AggTrade trade) {
        synchronized (lock) {
            if (closing || killed) {
                return;
            }
            if (waiting >= maxWaiting) {
                dropped++;
                return;
            }
            incoming.computeIfAbsent(symbol, k -> new ArrayList<>()).add(trade);
            waiting++;
            if (++incomingCount >= flushEveryTrades) {
                lock.notifyAll();
            }
        }
    }

    @Override
    public synchronized void start(Alerts a) {
        if (writer != null) {
            return;
        }
        alerts = a;
        Thread t = new Thread(this::run, "ratchet-record");
        t.setDaemon(true);
        writer = t;
        t.start();
    }

    @Override
    public RecordingHealth health() {
        int w;
        long d;
        synchronized (lock) {
            w = waiting;
            d = dropped;
        }
        return new RecordingHealth(failing, written, w, d, problem, sink.where());
    }

    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        Thread t = writer;
        if (t == null) {
            writeOnce(true); // never started: whatever came is written on the caller's thread
            return;
        }
        try {
            t.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.error("recording: the last write to {} did not finish in {} s; what it held may be lost", sink.where(), CLOSE_WAIT_MILLIS / 1000);
        }
    }

    @Override
    public void kill() {
        synchronized (lock) {
            killed = true;
            lock.notifyAll();
        }
        Thread t = writer;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushEveryMillis);
        while (true) {
            synchronized (lock) {
                while (!closing && !killed && incomingCount < flushEveryTrades) {
                    long wait = TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime());
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        lock.wait(wait);
                    } catch (InterruptedException e) {
                        if (killed) {
                            return;
                        }
                    }
                }
                if (killed) {
                    return;
                }
            }
            next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushEveryMillis);
            boolean last;
            synchronized (lock) {
                last = closing;
            }
            try {
                if (writeOnce(last)) {
                    return;
                }
            } catch (RuntimeException e) {
                // never the end of the recording while the runner runs: it is said, and the next interval tries again
                LOG.error("recording: unexpected failure", e);
                if (last) {
                    return;
                }
            }
        }
    }

    /** Takes what came in and writes everything unwritten; with {@code last}, finishes the sink. Returns {@code last}. */
    private boolean writeOnce(boolean last) {
        Map<String, List<AggTrade>> batch;
        long droppedNow;
        synchronized (lock) {
            batch = incoming;
            incoming = new HashMap<>();
            incomingCount = 0;
            droppedNow = dropped;
        }
        batch.forEach((symbol, trades) -> unwritten.computeIfAbsent(symbol, k -> new ArrayList<>()).addAll(trades));
        String failed = null;
        for (Iterator<Map.Entry<String, List<AggTrade>>> it = unwritten.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, List<AggTrade>> e = it.next();
            int held = e.getValue().size();
            List<AggTrade> trades = inIdOrder(e.getKey(), e.getValue());
            try {
                if (!trades.isEmpty()) {
                    sink.append(e.getKey(), trades);
                }
                it.remove();
                written += trades.size();
                settle(held);
            } catch (Exception x) {
                e.setValue(trades);
                settle(held - trades.size());
                failed = e.getKey() + ": " + message(x);
            }
        }
        if (failed != null) {
            failed(failed, droppedNow);
        } else if (failing) {
            failing = false;
            problem = null;
            failures = 0;
            String detail = "recording works again: every trade kept in memory is written to " + sink.where()
                    + (droppedNow > droppedTold ? "; " + (droppedNow - droppedTold) + " trades were dropped while memory was full: the recording has a gap there" : "");
            droppedTold = droppedNow;
            toldFull = false;
            LOG.info("recording: {}", detail);
            alerts.recovered(detail);
        }
        if (!last) {
            return false;
        }
        if (!unwritten.isEmpty()) {
            int lost = unwritten.values().stream().mapToInt(List::size).sum();
            LOG.error("recording: {} trades could not be written to {} before the runner stopped ({}): they are lost", lost, sink.where(), problem);
        }
        try {
            sink.finish();
        } catch (Exception x) {
            String detail = "the recorded trades could not be put in their final place in " + sink.where() + ": " + message(x);
            LOG.error("recording: {}", detail);
            alerts.failing(detail);
        }
        return true;
    }

    private void failed(String why, long droppedNow) {
        problem = why;
        failures++;
        int waitingNow;
        synchronized (lock) {
            waitingNow = waiting;
        }
        String detail = "recording trades to " + sink.where() + " failed (" + why + "): " + waitingNow + " trades are kept in memory and written again every "
                + flushEveryMillis / 1000.0 + " s; trading goes on" + (droppedNow > 0 ? "; " + droppedNow + " trades dropped (memory full)" : "");
        if (!failing) {
            failing = true;
            LOG.error("recording: {}", detail);
            alerts.failing(detail);
        } else if (droppedNow > droppedTold && !toldFull) {
            toldFull = true;
            String full = "the memory for unwritten trades is full (" + maxWaiting + "): new trades are dropped until writing works again, "
                    + "and the recording will have a gap there; " + detail;
            LOG.error("recording: {}", full);
            alerts.failing(full);
        } else if (failures % 12 == 0) {
            LOG.warn("recording: still failing ({} tries): {}", failures, detail);
        }
    }

    private void settle(int removed) {
        if (removed != 0) {
            synchronized (lock) {
                waiting -= removed;
            }
        }
    }

    /**
     * Each id once, in id order. Two copies of one id are one trade told twice (two gap fills
     * overlapping); where only one says the quantity, that one is kept. Copies that disagree
     * otherwise cannot both be the exchange's: the first is kept, and it is said.
     */
    private static List<AggTrade> inIdOrder(String symbol, List<AggTrade> trades) {
        List<AggTrade> sorted = new ArrayList<>(trades);
        sorted.sort(Comparator.comparingLong(AggTrade::id));
        List<AggTrade> out = new ArrayList<>(sorted.size());
        for (AggTrade t : sorted) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).id() == t.id()) {
                AggTrade kept = out.get(last);
                if (kept.price() != t.price() || kept.time() != t.time()
                        || kept.quantity() == kept.quantity() && t.quantity() == t.quantity() && kept.quantity() != t.quantity()) {
                    LOG.warn("recording: {} aggTradeId {} came twice with different values ({} and {}): the first is kept", symbol, t.id(), kept, t);
                } else if (kept.quantity() != kept.quantity() && t.quantity() == t.quantity()) {
                    out.set(last, t);
                }
                continue;
            }
            out.add(t);
        }
        return out;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
