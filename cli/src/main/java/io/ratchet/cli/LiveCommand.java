package io.ratchet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.TrailingConfig;
import io.ratchet.live.HttpNotifier;
import io.ratchet.live.LiveRunner;
import io.ratchet.live.Notifier;
import io.ratchet.live.Position;
import io.ratchet.live.api.ControlApi;
import io.ratchet.live.api.LiveJson;
import io.ratchet.live.exchange.BinanceRest;
import io.ratchet.live.exchange.BinanceUserStream;
import io.ratchet.live.exchange.OrderUpdates;
import io.ratchet.live.exchange.PollingFeed;
import io.ratchet.live.exchange.PriceSource;
import io.ratchet.live.exchange.XChangeMarket;
import io.ratchet.live.record.BufferedTradeRecorder;
import io.ratchet.live.record.TradeRecorder;
import io.ratchet.live.store.JdbcPositionStore;
import io.ratchet.sim.SimConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.knowm.xchange.currency.CurrencyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ratchet live}: trail real positions on Binance (testnet by default) or the simulator. */
@Command(name = "live",
        header = "Trail positions live on Binance (testnet and dry-run by default) or the simulator.", mixinStandardHelpOptions = true,
        description = {"Trail positions live: prices from Binance's aggTrade stream go through the same engine as the backtest,",
            "every stop change is stored and logged, and a hit stop closes the position with a MARKET order.",
            "Positions are opened and watched through the control API (POST /api/positions, GET /api/positions[/ID[/events]],",
            "DELETE /api/positions/ID[?close=true]) or in the browser: the dashboard at / on the same port shows every",
            "position, its stop and its events live (GET /api/stream), and opens, stops and closes positions.",
            "Defaults: Binance spot testnet, dry-run (no order is sent)."},
        footer = {"", "Keys come from BINANCE_API_KEY and BINANCE_API_SECRET and are never logged or stored.",
            "With RATCHET_API_TOKEN set, every API call must carry 'Authorization: Bearer <token>'.", "",
            "Examples:",
            "  ratchet live --config best.json --exchange sim --base-url http://127.0.0.1:PORT",
            "  BINANCE_API_KEY=... BINANCE_API_SECRET=... ratchet live --config best.json --exchange testnet --no-dry-run"},
        subcommands = {LiveCommand.Status.class})
final class LiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Trailing configuration for positions opened without one (as sweep --export-best writes).")
    Path config;

    @Option(names = "--exchange", defaultValue = "testnet", paramLabel = "testnet|mainnet|sim", description = "Default: ${DEFAULT-VALUE}.")
    String exchange;

    @Option(names = "--base-url", paramLabel = "URL", description = "REST base URL (required for sim: what ratchet sim-exchange printed first).")
    URI baseUrl;

    @Option(names = "--stream-url", paramLabel = "URL", description = "Stream base URL; for sim, derived from --base-url.")
    URI streamUrl;

    @Option(names = "--ws-api-url", paramLabel = "URL", description = "WebSocket API URL for the user data stream; for sim, derived from --base-url.")
    URI wsApiUrl;

    @Option(names = "--db", defaultValue = "jdbc:sqlite:ratchet.db", paramLabel = "JDBC_URL", description = "SQLite file or PostgreSQL. Default: ${DEFAULT-VALUE}.")
    String db;

    @Option(names = "--dry-run", negatable = true, paramLabel = "", description = "Move stops and record everything, send no order. Default: on for testnet and mainnet, off for sim.")
    Boolean dryRun;

    @Option(names = "--i-accept-mainnet-risk", description = "Required with --exchange mainnet and --no-dry-run: real money.")
    boolean mainnetConfirmed;

    @Option(names = "--protect-on-exchange", description = "Keep a STOP_LOSS resting on the exchange at the current stop, moved by cancel-replace.")
    boolean protect;

    @Option(names = "--api-port", defaultValue = "8080", converter = Port.class, description = "Control API port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int apiPort;

    @Option(names = "--api-host", defaultValue = "127.0.0.1", description = "Control API address. Default: ${DEFAULT-VALUE} (loopback).")
    String apiHost;

    @Option(names = "--notify-url", paramLabel = "URL", description = "POST every stop hit, fill and failure there as JSON (retried with backoff).")
    URI notifyUrl;

    @Option(names = "--stale-after", defaultValue = "30", paramLabel = "SECONDS", description = "A feed silent this long is treated as dead. Default: ${DEFAULT-VALUE}.")
    int staleAfter;

    @Option(names = "--feed", defaultValue = "stream", paramLabel = "stream|poll",
            description = "Where live trades come from: the aggTrade stream, or REST polling of aggTrades by id (every print, in order). Default: ${DEFAULT-VALUE}.")
    String feed;

    @Option(names = "--poll-every", defaultValue = "5", paramLabel = "SECONDS", description = "With --feed poll: seconds between two polls of a symbol. Default: ${DEFAULT-VALUE}.")
    int pollEvery;

    @Option(names = "--record", description = "Store every trade the runner receives (stream, polls, REST gap fills; never the points of a 1m bar), "
            + "per symbol, in the store as SYMBOL:trades, exactly as data import stores aggTrades: a live position replays on them "
            + "(ratchet live status --export). Written every --record-every seconds; a failing disk is said, and trading goes on.")
    boolean record;

    @Option(names = {"--record-store", "--store"}, paramLabel = "DIR", description = "Where --record stores the trades. Default: the store, $RATCHET_STORE or ~/.ratchet/data.")
    Path recordStore;

    @Option(names = "--record-every", paramLabel = "SECONDS", description = "With --record: write the trades received at least this often (and at every "
            + BufferedTradeRecorder.DEFAULT_FLUSH_TRADES + "): a kill loses at most that much of the recording. Default: 5.")
    Integer recordEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TrailingConfig cfg = config == null ? null : TrailingConfigJson.read(config);
        ExportedPick.print(config, out);
        String key = System.getenv("BINANCE_API_KEY");
        String secret = System.getenv("BINANCE_API_SECRET");
        URI rest;
        URI stream;
        URI wsApi;
        boolean testnet = false;
        switch (exchange) {
            case "sim" -> {
                if (baseUrl == null) {
                    throw new UsageException("--exchange sim needs --base-url (the first line ratchet sim-exchange prints)");
                }
                rest = baseUrl;
                stream = streamUrl != null ? streamUrl : URI.create(baseUrl.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + "/");
                wsApi = wsApiUrl != null ? wsApiUrl : URI.create(baseUrl.toString().replaceFirst("^http", "ws").replaceAll("/+$", "") + "/ws-api/v3");
                if (key == null || secret == null) {
                    key = SimConfig.DEFAULT_KEY;
                    secret = SimConfig.DEFAULT_SECRET;
                }
                if (dryRun == null) {
                    dryRun = false;
                }
            }
            case "testnet" -> {
                rest = baseUrl != null ? baseUrl : URI.create("https://testnet.binance.vision");
                stream = streamUrl;
                wsApi = wsApiUrl != null ? wsApiUrl : BinanceUserStream.TESTNET;
                testnet = baseUrl == null;
            }
            case "mainnet" -> {
                rest = baseUrl != null ? baseUrl : URI.create("https://api.binance.com");
                stream = streamUrl;
                wsApi = wsApiUrl != null ? wsApiUrl : BinanceUserStream.PRODUCTION;
            }
            default -> throw new UsageException("--exchange: unknown '" + exchange + "' (allowed: testnet, mainnet, sim)");
        }
        if (dryRun == null) {
            dryRun = true;
        }
        if (!feed.equals("stream") && !feed.equals("poll")) {
            throw new UsageException("--feed: unknown '" + feed + "' (allowed: stream, poll)");
        }
        if (feed.equals("poll") && (pollEvery < 1 || pollEvery >= staleAfter)) {
            throw new UsageException("--poll-every: " + pollEvery + " s; it must be at least 1 and less than --stale-after (" + staleAfter
                    + " s), or every quiet spell between two polls would count as a dead feed");
        }
        TradeRecorder recorder = recorder();
        if (exchange.equals("mainnet") && !dryRun && !mainnetConfirmed) {
            throw new UsageException("--exchange mainnet with --no-dry-run sends real orders with real money: add --i-accept-mainnet-risk");
        }
        if (!dryRun && (key == null || secret == null)) {
            throw new UsageException("set BINANCE_API_KEY and BINANCE_API_SECRET (or run with --dry-run)");
        }
        JdbcPositionStore store;
        try {
            store = JdbcPositionStore.open(db, null, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IllegalStateException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        BinanceRest gateway = new BinanceRest(rest, key, secret, Clock.systemUTC(), Thread::sleep, 6);
        XChangeMarket market = new XChangeMarket(rest, stream, testnet, s -> new CurrencyPair(gateway.rules(s).base(), gateway.rules(s).quote()),
                Thread::sleep);
        Notifier notifier = notifyUrl == null ? Notifier.NONE : new HttpNotifier(notifyUrl);
        // Fills are pushed by the user data stream when orders are sent; order queries stay the fallback.
        OrderUpdates updates = dryRun ? OrderUpdates.NONE : new BinanceUserStream(wsApi, key, secret, Clock.systemUTC());
        PriceSource prices = feed.equals("poll") ? new PollingFeed(market, pollEvery * 1000L, PollingFeed.DEFAULT_WEIGHT_PER_MINUTE, Clock.systemUTC()) : market;
        LiveRunner runner = new LiveRunner(new LiveRunner.Settings(cfg, dryRun, protect, staleAfter * 1000L, 5_000), store, gateway, prices, market,
                updates, notifier, Clock.systemUTC(), recorder);
        String token = System.getenv("RATCHET_API_TOKEN");
        try {
            runner.start();
        } catch (IllegalStateException e) {
            runner.kill();
            store.close();
            throw new UsageException("--db " + db + ": " + e.getMessage());
        }
        ControlApi api;
        try {
            api = ControlApi.start(apiHost, apiPort, token, runner, store, exchange);
        } catch (IllegalArgumentException e) {
            runner.close();
            store.close();
            throw new UsageException(e.getMessage());
        }
        out.printf("live: %s at %s, %s, db %s, %s open positions%n", exchange, rest, dryRun ? "DRY-RUN (no orders sent)" : "ORDERS ENABLED",
                store.vendor(), runner.openPositions().size());
        if (feed.equals("poll")) {
            out.printf("feed: polling aggTrades every %d s per symbol (up to %d symbols at that interval within %d request weight a minute)%n", pollEvery,
                    PollingFeed.symbolsThatFit(pollEvery * 1000L, PollingFeed.DEFAULT_WEIGHT_PER_MINUTE), PollingFeed.DEFAULT_WEIGHT_PER_MINUTE);
        }
        if (record) {
            out.printf("record: every trade received into %s as SYMBOL:trades, written every %d s (a kill loses at most that)%n", recordRoot(),
                    recordEvery == null ? 5 : recordEvery);
        }
        out.printf("api:  http://%s:%d/api/positions%s%n", apiHost, api.port(), token == null ? "" : " (bearer token required)");
        out.printf("dashboard: open http://%s:%d/%s%n", apiHost, api.port(), token == null ? "" : " (it asks for the token once)");
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            api.close();
            runner.close();
            notifier.close();
            store.close();
            done.countDown();
        }, "ratchet-live-shutdown"));
        done.await();
        return 0;
    }

    private Path recordRoot() {
        return recordStore != null ? recordStore : io.ratchet.data.store.KlineStore.defaultRoot();
    }

    /** {@code --record}: the store's folder is made and checked now, not at the first write minutes later. */
    private TradeRecorder recorder() {
        if (!record) {
            if (recordStore != null || recordEvery != null) {
                throw new UsageException((recordStore != null ? "--record-store" : "--record-every") + " is used only with --record");
            }
            return TradeRecorder.NONE;
        }
        int every = recordEvery == null ? 5 : recordEvery;
        if (every < 1) {
            throw new UsageException("--record-every: at least 1 second, got " + every);
        }
        Path root = recordRoot();
        String which = recordStore != null ? "--record-store " + root : "the store " + root + " (from $RATCHET_STORE or ~/.ratchet/data)";
        if (java.nio.file.Files.exists(root) && !java.nio.file.Files.isDirectory(root)) {
            throw new UsageException(which + ": is a file, not a folder");
        }
        try {
            java.nio.file.Files.createDirectories(root);
        } catch (java.io.IOException e) {
            throw new UsageException(which + ": cannot be made: " + e.getMessage());
        }
        if (!java.nio.file.Files.isWritable(root)) {
            throw new UsageException(which + ": is not writable");
        }
        return new BufferedTradeRecorder(new StoreRecording(new io.ratchet.data.store.TradeStore(root), StoreRecording.FOLD_ABOVE_BYTES), every * 1000L,
                BufferedTradeRecorder.DEFAULT_FLUSH_TRADES, BufferedTradeRecorder.DEFAULT_MAX_WAITING);
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = {"Positions and their last events, from the database (works with the runner stopped).",
        "--export ID writes a position as a backtest replays it on the trades live --record stored."},
            footer = {"", "Examples:", "  ratchet live status --db jdbc:sqlite:ratchet.db --json", "  ratchet live status --export 3 --out replay/"})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--db", defaultValue = "jdbc:sqlite:ratchet.db", description = "Default: ${DEFAULT-VALUE}.")
        String db;

        @Option(names = "--json", description = "Positions as the API shows them.")
        boolean json;

        @Option(names = "--export", paramLabel = "ID", description = "Write position ID as a backtest replays it: position-ID-entries.csv (its entry "
                + "to the ms, at its fill price), position-ID-config.json (its configuration) and position-ID-stops.csv (its stored "
                + "stops in the layout of backtest --stops); prints the commands that replay it.")
        Long export;

        @Option(names = "--out", paramLabel = "DIR", description = "With --export: the folder to write into. Default: the current one.")
        Path exportDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (exportDir != null && export == null) {
                throw new UsageException("--out is used only with --export");
            }
            try (JdbcPositionStore store = JdbcPositionStore.open(db, null, null)) {
                if (export != null) {
                    try {
                        return PositionExport.run(store, export, exportDir == null ? Path.of(".") : exportDir, out);
                    } catch (java.io.IOException e) {
                        throw new UserFacingException(e.getMessage(), e);
                    }
                }
                List<Position> all = store.all();
                if (json) {
                    ArrayNode a = LiveJson.MAPPER.createArrayNode();
                    all.forEach(p -> a.add(LiveJson.position(p)));
                    out.println(Json.pretty(a));
                    return 0;
                }
                if (all.isEmpty()) {
                    out.println("no positions in " + store.vendor() + " database");
                    return 0;
                }
                out.printf("%4s %-10s %-5s %12s %14s %14s %-9s %14s %-8s%n", "id", "symbol", "dir", "quantity", "entry", "stop", "status", "exit", "reason");
                for (Position p : all) {
                    int dp = Fmt.priceDecimals(p.entryPrice());
                    out.printf("%4d %-10s %-5s %12s %14s %14s %-9s %14s %-8s%n", p.id(), p.symbol(), p.direction().id(), p.quantity().toPlainString(),
                            Fmt.price(p.entryPrice(), dp), Fmt.price(p.stop(), dp), p.status(), Fmt.price(p.exitPrice(), dp),
                            p.exitReason() == null ? "" : p.exitReason());
                }
                return 0;
            } catch (IllegalStateException e) {
                throw new UserFacingException(e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
