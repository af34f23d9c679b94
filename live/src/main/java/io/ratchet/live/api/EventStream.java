package io.ratchet.live.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/stream}: Server-Sent Events from the {@link StreamBus}, on the request's own
 * thread (one per page; the runner's thread never writes to a socket). {@code Last-Event-ID}
 * resumes after that event; without it the stream starts now. A comment every few seconds
 * keeps an idle connection open and shows the page it is still alive.
 */
final class EventStream {
    private static final long PING_MILLIS = 5_000;

    private EventStream() {
    }

    static void serve(Context ctx, StreamBus bus) throws IOException, InterruptedException {
        int gen = bus.generation();
        String asked = ctx.header("Last-Event-ID");
        long after = asked == null || asked.isBlank() ? bus.lastSeq() : bus.parse(asked);
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        if (after < 0) {
            // Another instance's id (the runner restarted) or one we no longer hold: the page reloads its snapshot.
            write(out, "event: reset\ndata: {}\n\n");
            return;
        }
        write(out, ": stream " + bus.id(after) + "\n\n");
        long wrote = System.currentTimeMillis();
        while (true) {
            StreamBus.Batch b = bus.after(after, 1_000, gen);
            if (b.end()) {
                return;
            }
            if (b.reset()) {
                write(out, "event: reset\ndata: {}\n\n");
                return;
            }
            if (b.entries().isEmpty()) {
                if (System.currentTimeMillis() - wrote >= PING_MILLIS) {
                    write(out, ": ping\n\n");
                    wrote = System.currentTimeMillis();
                }
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (StreamEntry e : b.entries()) {
                sb.append("id: ").append(bus.id(e.seq)).append('\n').append("event: ").append(e.kind).append('\n')
                        .append("data: ").append(e.json()).append("\n\n");
                after = e.seq;
            }
            write(out, sb.toString());
            wrote = System.currentTimeMillis();
        }
    }

    /** A page that went away shows here as an IOException, which ends this stream only. */
    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
