package io.ratchet.cli;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a counter from another thread and shows a progress bar once the work has run for
 * a second (short runs stay quiet), only on a terminal.
 */
final class ProgressMonitor implements AutoCloseable {
    private final Thread thread;
    private volatile boolean done;

    private ProgressMonitor(String task, long total, String unit, AtomicLong counter) {
        thread = new Thread(() -> {
            long start = System.nanoTime();
            Progress bar = null;
            try {
                while (!done) {
                    Thread.sleep(100);
                    if (bar == null && System.nanoTime() - start > 1_000_000_000L && !done) {
                        bar = Progress.start(task, total, unit);
                    }
                    if (bar != null) {
                        bar.stepTo(counter.get());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (bar != null) {
                    bar.stepTo(counter.get());
                    bar.close();
                }
            }
        }, "progress");
        thread.setDaemon(true);
    }

    static ProgressMonitor start(String task, long total, String unit, AtomicLong counter) {
        ProgressMonitor m = new ProgressMonitor(task, total, unit, counter);
        if (Progress.interactive()) {
            m.thread.start();
        }
        return m;
    }

    @Override
    public void close() {
        done = true;
        if (thread.isAlive()) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
