package io.ratchet.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.ratchet.reports.chart.Chart;

/**
 * The PNGs of a report folder, drawn on worker threads while the rest of the page is built:
 * drawing is most of a report's time, and each chart is its own object with its own image,
 * so they can be drawn at once. {@link #finish()} waits for every file and fails with the
 * first error, before the page that links them is written.
 */
final class ChartFiles implements AutoCloseable {
    private final Path dir;
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();

    ChartFiles(Path dir) {
        this.dir = dir;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ratchet-chart");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code chart} to be drawn into {@code name} in the report folder; returns {@code name}. */
    String png(Chart chart, String name) {
        Path file = dir.resolve(name);
        pending.add(pool.submit(() -> {
            try {
                Png.write(chart, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        return name;
    }

    /** Waits for every chart queued; the first failure is thrown as it happened. */
    void finish() throws IOException {
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing the report's charts", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } finally {
            pending.clear();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
