package io.ratchet.live;

import static io.ratchet.live.LiveRunner.fmt;

import io.ratchet.live.exchange.ExecutionReport;
import io.ratchet.live.exchange.OrderUpdates;
import java.math.MathContext;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user data stream: the exchange's first word on a fill, usually ahead of the desk's reply.
 * Only closes are taken from it (an exchange stop or an exit that filled); the desk's answer,
 * when it comes, finds the position closed. Without the stream, fills are found by asking.
 */
final class Fills implements OrderUpdates.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Fills.class);

    /** What the stream may do to the runner; each call runs on the runner's thread. */
    interface Core {
        /** The open position, or null once it is closed. */
        Position get(long id);

        /** Null until the runner has started. */
        ClientIds ids();

        void finish(long id, double price, String reason, String detail);
    }

    private final RunnerThread thread;
    private final Exits exits;
    private final Core core;

    Fills(RunnerThread thread, Exits exits, Core core) {
        this.thread = thread;
        this.exits = exits;
        this.core = core;
    }

    @Override
    public void onExecution(ExecutionReport report) {
        thread.post("execution report", () -> {
            if (core.ids() == null) {
                return;
            }
            Optional<ClientIds.Parsed> ours = core.ids().parse(report.orderClientId());
            if (ours.isEmpty()) {
                return;
            }
            Position p = core.get(ours.get().position());
            if (p == null || !report.filled()) {
                return;
            }
            String cid = report.orderClientId();
            double avg = report.cumQty().signum() > 0 ? report.cumQuote().divide(report.cumQty(), MathContext.DECIMAL64).doubleValue() : Double.NaN;
            if (cid.equals(p.exchangeStop()) || cid.equals(p.pendingStop())) {
                core.finish(p.id(), avg, "STOP", "the exchange stop " + cid + " filled (user data stream)");
            } else if (cid.equals(p.exitOrder())) {
                core.finish(p.id(), avg, exits.reason(p.id()), "MARKET " + cid + " filled at " + fmt(avg) + " (user data stream)");
            }
        });
    }

    @Override
    public void onUpdatesConnected() {
        LOG.info("user data stream subscribed: fills are pushed");
    }

    @Override
    public void onUpdatesLost(String why) {
        LOG.warn("user data stream lost ({}): fills are found by asking for orders until it is back", why);
    }
}
