package io.ratchet.backtest;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.Window;
import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.RunSummary;
import io.ratchet.engine.Trade;

/**
 * Results as JSON, with the numbers exactly as the contract defines them: times in epoch
 * ms, returns as fractions, undefined values as {@code null}.
 */
public final class ResultJson {

    private ResultJson() {
    }

    public static ObjectNode summary(RunSummary s) {
        ObjectNode o = JsonTrees.object();
        o.put("trades", s.trades());
        put(o, "winRate", s.winRate());
        put(o, "meanReturn", s.meanReturn());
        put(o, "totalReturn", s.totalReturn());
        put(o, "profitFactor", s.profitFactor());
        put(o, "maxDrawdown", s.maxDrawdown());
        return o;
    }

    /** The per-trade unit-stake statistics, with {@code account} inside when there is one. */
    public static ObjectNode summary(RunSummary s, io.ratchet.backtest.account.AccountFigures a) {
        ObjectNode o = summary(s);
        if (a != null) {
            o.set("account", AccountJson.account(a));
        }
        return o;
    }

    public static ObjectNode trade(Trade t) {
        ObjectNode o = JsonTrees.object();
        o.put("entryTime", t.entryTime());
        o.put("direction", t.direction().id());
        o.put("entryPrice", t.entryPrice());
        o.put("exitTime", t.exitTime());
        o.put("exitPrice", t.exitPrice());
        o.put("exitReason", t.exitReason().name());
        o.put("netReturn", t.netReturn());
        o.put("peak", t.peak());
        return o;
    }

    /** {@code {"config", "intrabar", "summary", "trades"}} plus {@code detailEffect} where there is one. */
    public static ObjectNode backtest(BacktestResult r) {
        ObjectNode root = JsonTrees.stamped();
        root.put("kind", "backtest");
        root.set("config", TrailingConfigJson.toNode(r.config()));
        root.put("intrabar", r.order().id());
        root.set("summary", summary(r.summary()));
        if (r.detailEffect() != null) {
            ObjectNode d = root.putObject("detailEffect");
            d.put("trades", r.detailEffect().trades());
            d.put("changedVsAdverseFirst", r.detailEffect().changed());
            d.put("returnDelta", r.detailEffect().returnDelta());
            d.put("tradesWithDetailThroughout", r.detailEffect().covered());
            d.put("changedWithDetailThroughout", r.detailEffect().changedCovered());
        }
        ArrayNode trades = root.putArray("trades");
        r.trades().forEach(t -> trades.add(trade(t)));
        return root;
    }

    /**
     * The backtest with its account: {@code summary.account}, {@code accountOptions}, and each
     * trade marked {@code taken} or not.
     */
    public static ObjectNode backtest(BacktestResult r, io.ratchet.backtest.account.AccountSpec spec, io.ratchet.backtest.account.Account.Run run) {
        ObjectNode root = backtest(r);
        ((ObjectNode) root.get("summary")).set("account", AccountJson.account(run.figures()));
        root.set("accountOptions", AccountJson.spec(spec));
        com.fasterxml.jackson.databind.JsonNode trades = root.get("trades");
        for (int k = 0; k < trades.size(); k++) {
            ((ObjectNode) trades.get(k)).put("taken", run.taken()[k]);
        }
        return root;
    }

    /** Every configuration with its scores, ranking order, and the pick. */
    public static ObjectNode sweep(SweepResult r) {
        ObjectNode root = JsonTrees.stamped();
        root.put("kind", "sweep");
        root.put("rankBy", r.rankBy().id());
        if (r.splitTime() > 0) {
            root.put("splitTime", r.splitTime());
        }
        root.set("best", TrailingConfigJson.toNode(r.bestConfig()));
        if (r.account() != null) {
            root.set("accountOptions", AccountJson.spec(r.account()));
        }
        if (r.anchored()) {
            root.put("anchored", true);
        }
        ArrayNode rows = root.putArray("results");
        for (int idx : r.ranking()) {
            ObjectNode row = rows.addObject();
            row.set("config", TrailingConfigJson.toNode(r.grid().get(idx)));
            if (r.hasOutOfSample()) {
                row.set("inSample", summary(r.inSample()[idx], r.inSampleAccount(idx)));
                row.set("outOfSample", summary(r.outOfSample()[idx], r.outOfSampleAccount(idx)));
            } else {
                row.set("summary", summary(r.inSample()[idx], r.inSampleAccount(idx)));
            }
        }
        if (r.robustness() != null) {
            int[] position = new int[r.ranking().length];
            for (int k = 0; k < position.length; k++) {
                position[r.ranking()[k]] = k;
            }
            root.set("robustness", AccountJson.robustness(r.robustness(), r.grid(), position));
        }
        if (!r.windows().isEmpty()) {
            ArrayNode ws = root.putArray("walkForward");
            for (Window w : r.windows()) {
                ObjectNode o = ws.addObject();
                o.put("trainFrom", w.trainFrom());
                o.put("trainTo", w.trainTo());
                o.put("testFrom", w.testFrom());
                o.put("testTo", w.testTo());
                o.set("pick", TrailingConfigJson.toNode(r.grid().get(w.pick())));
                o.set("train", summary(w.train(), w.trainAccount()));
                o.set("test", summary(w.test(), w.testAccount()));
            }
            root.set("walkForwardSummary", summary(r.walkForward(), r.walkForwardAccount()));
        }
        return root;
    }

    /** Reads a sweep written by {@link #sweep}: the grid in ranking order, its scores and windows. */
    public static SweepResult readSweep(com.fasterxml.jackson.databind.JsonNode root, String source) {
        if (!"sweep".equals(root.path("kind").asText())) {
            throw new IllegalArgumentException(source + ": not a sweep result (\"kind\": \"sweep\")");
        }
        com.fasterxml.jackson.databind.JsonNode rows = root.get("results");
        int n = rows.size();
        java.util.List<io.ratchet.engine.TrailingConfig> grid = new java.util.ArrayList<>(n);
        boolean oos = n > 0 && rows.get(0).has("outOfSample");
        RunSummary[] is = new RunSummary[n];
        RunSummary[] out = oos ? new RunSummary[n] : null;
        io.ratchet.backtest.account.AccountFigures[] isAcc = new io.ratchet.backtest.account.AccountFigures[n];
        io.ratchet.backtest.account.AccountFigures[] outAcc = oos ? new io.ratchet.backtest.account.AccountFigures[n] : null;
        boolean accounts = n > 0;
        int[] ranking = new int[n];
        for (int i = 0; i < n; i++) {
            com.fasterxml.jackson.databind.JsonNode row = rows.get(i);
            grid.add(TrailingConfigJson.fromNode(row.get("config"), source + " results[" + i + "].config"));
            is[i] = readSummary(oos ? row.get("inSample") : row.get("summary"));
            isAcc[i] = AccountJson.readAccount((oos ? row.get("inSample") : row.get("summary")).get("account"));
            accounts &= isAcc[i] != null;
            if (oos) {
                out[i] = readSummary(row.get("outOfSample"));
                outAcc[i] = AccountJson.readAccount(row.get("outOfSample").get("account"));
            }
            ranking[i] = i;
        }
        java.util.List<Window> windows = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode w : root.path("walkForward")) {
            int pick = grid.indexOf(TrailingConfigJson.fromNode(w.get("pick"), source + " walkForward.pick"));
            windows.add(new Window(w.get("trainFrom").asLong(), w.get("trainTo").asLong(), w.get("testFrom").asLong(), w.get("testTo").asLong(),
                    pick, readSummary(w.get("train")), readSummary(w.get("test")), AccountJson.readAccount(w.get("train").get("account")),
                    AccountJson.readAccount(w.get("test").get("account"))));
        }
        RunSummary wf = root.has("walkForwardSummary") ? readSummary(root.get("walkForwardSummary")) : null;
        io.ratchet.backtest.account.AccountFigures wfAcc = wf == null ? null : AccountJson.readAccount(root.get("walkForwardSummary").get("account"));
        return new SweepResult(grid, io.ratchet.backtest.sweep.RankBy.parse(root.path("rankBy").asText("totalReturn")), is, out, ranking,
                root.path("splitTime").asLong(0), java.util.List.copyOf(windows), wf, AccountJson.readSpec(root.get("accountOptions")),
                accounts ? isAcc : null, accounts && oos ? outAcc : null, wfAcc, AccountJson.readRobustness(root.get("robustness")),
                root.path("anchored").asBoolean(false));
    }

    public static RunSummary readSummary(com.fasterxml.jackson.databind.JsonNode s) {
        return new RunSummary(s.get("trades").asInt(), num(s, "winRate"), num(s, "meanReturn"), num(s, "totalReturn"),
                num(s, "profitFactor"), num(s, "maxDrawdown"));
    }

    private static double num(com.fasterxml.jackson.databind.JsonNode s, String field) {
        com.fasterxml.jackson.databind.JsonNode v = s.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    static void put(ObjectNode o, String field, double v) {
        if (v != v || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
