package io.ratchet.backtest.sweep;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Work spread over {@code threads} cores: all of them through the common pool (no pool to build per call), fewer through a pool of that size. */
final class Parallel {
    private Parallel() {
    }

    /** {@code body} for 0..n-1, in parallel when more than one thread is allowed. */
    static void forEach(int threads, int n, IntConsumer body) {
        if (threads <= 1 || n < 2) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        run(threads, () -> IntStream.range(0, n).parallel().forEach(body));
    }

    /**
     * {@code body} for 0..n-1, started in that order, each thread taking the next index when it
     * is free: the caller decides what starts first, and no heavy item is left to one thread at
     * the end (a parallel stream's halves are fixed).
     */
    static void inOrder(int threads, int n, IntConsumer body) {
        if (threads <= 1 || n < 2) {
            forEach(1, n, body);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        forEach(threads, Math.min(threads, n), w -> {
            for (int u = next.getAndIncrement(); u < n; u = next.getAndIncrement()) {
                body.accept(u);
            }
        });
    }

    /** Runs a parallel stream's {@code work} on at most {@code threads} cores. */
    static void run(int threads, Runnable work) {
        if (threads >= Runtime.getRuntime().availableProcessors()) {
            work.run();
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }
}
