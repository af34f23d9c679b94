package io.ratchet.live;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's one thread. Prices, commands, order outcomes and timers all become tasks here,
 * so a position is never touched by two threads and events keep their order of arrival. Every
 * task is guarded: a task that throws is reported and the next one still runs.
 */
final class RunnerThread {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerThread.class);

    /** Hears of a task that threw, on the runner's thread. */
    @FunctionalInterface
    interface Errors {
        void failed(String what, Throwable e);
    }

    private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ratchet-live");
        t.setDaemon(false);
        return t;
    });
    private final Errors errors;
    private volatile boolean refusing;

    RunnerThread(Errors errors) {
        this.errors = errors;
    }

    void post(String what, Runnable task) {
        if (!refusing) {
            try {
                exec.execute(guard(what, task));
            } catch (RejectedExecutionException e) {
                LOG.debug("runner stopped: {} dropped", what);
            }
        }
    }

    void later(String what, Runnable task, long delayMillis) {
        exec.schedule(guard(what, task), delayMillis, TimeUnit.MILLISECONDS);
    }

    void every(String what, Runnable task, long periodMillis) {
        exec.scheduleWithFixedDelay(guard(what, task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs on the runner's thread and waits for it; the task's exception is the caller's. */
    <T> T call(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            exec.execute(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the runner is stopped");
        }
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the runner did not answer in 60 s");
        }
    }

    private Runnable guard(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.error("runner: {} failed", what, e);
                errors.failed(what, e);
            }
        };
    }

    /** From now on posted tasks are dropped; what is queued still runs until {@link #shutdown}. */
    void refuse() {
        refusing = true;
    }

    boolean refusing() {
        return refusing;
    }

    /** Lets queued tasks finish (up to 10 s), then ends. */
    void shutdown() {
        exec.shutdown();
        try {
            exec.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends now, dropping what is queued: what a crash looks like. */
    void kill() {
        refusing = true;
        exec.shutdownNow();
    }
}
