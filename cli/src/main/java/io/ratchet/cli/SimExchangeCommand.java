package io.ratchet.cli;

import io.ratchet.data.kline.KlineSource;
import io.ratchet.sim.Commission;
import io.ratchet.sim.Faults;
import io.ratchet.sim.LostReply;
import io.ratchet.sim.SimConfig;
import io.ratchet.sim.SimExchange;
import io.ratchet.sim.WsApiSettings;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratchet sim-exchange}: a local Binance to trade against without keys. */
@Command(name = "sim-exchange",
        header = "Run a local Binance (REST + streams on 127.0.0.1) that replays klines.", mixinStandardHelpOptions = true,
        description = {"Run a local Binance spot exchange on 127.0.0.1: the REST subset and the trade and kline streams",
            "that XChange and ratchet live use, on one port. Bars before --start are history (GET /api/v3/klines);",
            "bars after it are replayed as trades (four per bar: open, low/high in ohlc order, close) at --speed.",
            "MARKET orders fill at the last trade; STOP_LOSS orders trigger on the replayed path.",
            "The WebSocket API (/ws-api/v3) carries the user data stream: userDataStream.subscribe.signature, then",
            "an executionReport per order change and an outboundAccountPosition per balance change.",
            "Prints the REST base URL on the first line and the stream URL on the second; runs until SIGTERM."},
        footer = {"", "Keys: signed calls must carry --api-key and be signed with --api-secret (defaults: "
            + SimConfig.DEFAULT_KEY + " / " + SimConfig.DEFAULT_SECRET + "),",
            "so BINANCE_API_KEY / BINANCE_API_SECRET set to those work as they would on testnet.", "",
            "Examples:", "  ratchet sim-exchange --data sample-data/BTCUSDT-1m-2021-04-20_2021-05-20.zip --speed 60 --port 0",
            "  ratchet sim-exchange --random-walk 100000 --seed 7 --symbol ETHUSDT"})
final class SimExchangeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE|DIR|GLOB|SYMBOL:INTERVAL", description = "Klines to replay (or --random-walk).")
    String data;

    @Option(names = "--random-walk", paramLabel = "BARS", description = "Replay a seeded random walk of this many 1m bars instead of --data.")
    Integer randomWalk;

    @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol, where the file name does not say it; for --random-walk. Default: BTCUSDT.")
    String symbol;

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "0", converter = Port.class, description = "Port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--speed", defaultValue = "60", description = "Replayed market time per wall time (60: a 1m bar a second). Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--start", paramLabel = "TIME", description = "First replayed bar (UTC date, time or epoch ms). Default: the middle of the data.")
    String start;

    @Option(names = "--seed", defaultValue = "1", description = "Fixes client order ids, trade sides and random faults. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--api-key", defaultValue = SimConfig.DEFAULT_KEY, description = "The key signed calls must carry.")
    String apiKey;

    @Option(names = "--api-secret", defaultValue = SimConfig.DEFAULT_SECRET, description = "The secret signatures are checked with.")
    String apiSecret;

    @Option(names = "--balance", paramLabel = "ASSET=AMOUNT,...", description = "Starting balances. Default: 10000 of the quote asset and 1 of the base.")
    String balance;

    @Option(names = "--fee", defaultValue = "0.001", description = "Taker commission. Default: ${DEFAULT-VALUE}.")
    double fee;

    @Option(names = "--commission-asset", defaultValue = "RECEIVED_ASSET", paramLabel = "RECEIVED_ASSET|QUOTE",
            description = "In which asset a BUY pays commission: RECEIVED_ASSET, the base, as Binance without BNB (a BUY of q receives "
                    + "q minus commission); QUOTE, on top of the price (receives all of q). Default: ${DEFAULT-VALUE}.")
    Commission commission;

    @Option(names = "--orders-per-10s", paramLabel = "N", defaultValue = "100", description = "The ORDERS rate limit (429 -1015 beyond it). Default: ${DEFAULT-VALUE}.")
    int ordersPer10s;

    @Option(names = "--ws-ping-every", paramLabel = "MS", defaultValue = "20000", description = "WebSocket API: a ping every MS. Default: ${DEFAULT-VALUE}.")
    long wsPingEvery;

    @Option(names = "--ws-lifetime", paramLabel = "SECONDS", defaultValue = "86400",
            description = "WebSocket API: connections are closed after this long, a serverShutdown event --ws-shutdown-notice before. Default: ${DEFAULT-VALUE}.")
    long wsLifetime;

    @Option(names = "--ws-shutdown-notice", paramLabel = "SECONDS", defaultValue = "30", description = "Default: ${DEFAULT-VALUE}.")
    long wsShutdownNotice;

    @Option(names = "--lose-reply-every", paramLabel = "N", defaultValue = "0",
            description = "Fault: every N-th order request (POST/DELETE /api/v3/order...) is carried out, then its reply is lost (--lose-reply-as).")
    int loseReplyEvery;

    @Option(names = "--lose-reply-as", paramLabel = "STATUS_503|CLOSE", defaultValue = "STATUS_503",
            description = "STATUS_503: answered 503 -1000; CLOSE: the connection closed with no answer. Default: ${DEFAULT-VALUE}.")
    LostReply loseReplyAs;

    @Option(names = "--drop-streams-every-fills", paramLabel = "N", defaultValue = "0",
            description = "Fault: every N-th fill closes every stream connection; the user data stream loses that fill's report.")
    int dropStreamsEveryFills;

    @Option(names = "--drop-stream-every", paramLabel = "SECONDS", defaultValue = "0", description = "Fault: close every stream connection every N seconds.")
    int dropStreamEvery;

    @Option(names = "--rate-limit-every", paramLabel = "N", defaultValue = "0", description = "Fault: every N-th REST request answers 429 with Retry-After.")
    int rateLimitEvery;

    @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "1", description = "Retry-After on 429. Default: ${DEFAULT-VALUE}.")
    int retryAfter;

    @Option(names = "--server-error-every", paramLabel = "N", defaultValue = "0", description = "Fault: every N-th REST request answers 503.")
    int serverErrorEvery;

    @Option(names = "--server-error-rate", paramLabel = "P", defaultValue = "0", description = "Fault: a seeded share P of REST requests answers 503.")
    double serverErrorRate;

    @Option(names = "--timestamp-error-every", paramLabel = "N", defaultValue = "0", description = "Fault: every N-th signed request answers -1021.")
    int timestampErrorEvery;

    @Option(names = "--delay", paramLabel = "MS", defaultValue = "0", description = "Fault: every REST answer waits this long.")
    long delay;

    @Option(names = "--stall-after", paramLabel = "SECONDS", defaultValue = "0", description = "Fault: streams go silent (connections stay open) after N seconds...")
    int stallAfter;

    @Option(names = "--stall-for", paramLabel = "SECONDS", defaultValue = "30", description = "...for this long. Default: ${DEFAULT-VALUE}.")
    int stallFor;

    @Override
    public Integer call() throws Exception {
        if ((data == null) == (randomWalk == null)) {
            throw new UsageException("give --data (klines to replay) or --random-walk BARS");
        }
        io.ratchet.data.kline.KlineSeries series;
        if (randomWalk != null) {
            if (randomWalk < 100) {
                throw new UsageException("--random-walk: at least 100 bars, got " + randomWalk);
            }
            series = io.ratchet.data.kline.SyntheticKlines.randomWalk(symbol == null ? "BTCUSDT" : symbol.toUpperCase(java.util.Locale.ROOT),
                    io.ratchet.data.kline.Interval.M1, randomWalk, seed);
        } else {
            series = KlineSource.resolve(data, store.open(), symbol == null ? null : symbol.toUpperCase(java.util.Locale.ROOT), null,
                    Long.MIN_VALUE, Long.MAX_VALUE).series();
        }
        KlineSource.Resolved r = new KlineSource.Resolved(series, data == null ? "random walk" : data, null);
        SimConfig cfg;
        try {
            cfg = SimConfig.of(r.series()).withSpeed(speed).withKeys(apiKey, apiSecret).withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--symbol: " + e.getMessage() + " (end it with a quote asset such as USDT)");
        }
        if (start != null) {
            cfg = cfg.withStart(Times.parse("--start", start));
        }
        if (balance != null) {
            cfg = cfg.withBalances(balances(balance));
        }
        cfg = cfg.withFee(fee).withFaults(new Faults(seed).rateLimitEvery(rateLimitEvery, retryAfter).serverErrorEvery(serverErrorEvery)
                .serverErrorRate(serverErrorRate).timestampErrorEvery(timestampErrorEvery).delay(delay).dropStreamEvery(dropStreamEvery)
                .loseReplyEvery(loseReplyEvery, loseReplyAs).dropStreamsEveryFills(dropStreamsEveryFills));
        try {
            cfg = cfg.withCommission(commission).withOrdersPer10s(ordersPer10s)
                    .withWsApi(new WsApiSettings(wsPingEvery, wsLifetime * 1000, wsShutdownNotice * 1000));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SimExchange sim;
        try {
            sim = new SimExchange(cfg).start(port);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (RuntimeException e) {
            throw new UserFacingException("cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e) + " (is another server on it? --port 0 picks a free one)", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(sim.baseUrl());
        out.println(sim.wsUrl());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("sim-exchange: %s %s, replaying from %s UTC at %sx; history before it; WebSocket API at %s. Ctrl-C or SIGTERM stops.%n",
                r.series().symbol(), r.series().interval().id(), Fmt.time(sim.replayStart()), Fmt.plain(speed), sim.wsApiUrl());
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "sim-shutdown"));
        if (stallAfter > 0) {
            Thread.sleep(stallAfter * 1000L);
            sim.faults().stallStreams(stallFor * 1000L, System.currentTimeMillis());
        }
        stopped.await();
        return 0;
    }

    static Map<String, BigDecimal> balances(String text) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new UsageException("--balance: expected ASSET=AMOUNT,..., got '" + part + "'");
            }
            try {
                m.put(kv[0].trim().toUpperCase(java.util.Locale.ROOT), new BigDecimal(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--balance: '" + kv[1] + "' is not an amount");
            }
        }
        return m;
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
