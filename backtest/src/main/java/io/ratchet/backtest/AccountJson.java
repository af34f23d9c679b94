package io.ratchet.backtest;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.backtest.account.AccountFigures;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Stake;
import io.ratchet.backtest.robust.Neighbourhood;
import io.ratchet.backtest.robust.Pbo;
import io.ratchet.backtest.robust.Robustness;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.List;

/** The account figures and the robustness of a sweep as JSON, and back (for {@code ratchet report}). */
public final class AccountJson {
    private AccountJson() {
    }

    /** {@code summary.account}: the fields the contract defines, in its order. */
    public static ObjectNode account(AccountFigures a) {
        ObjectNode o = JsonTrees.object();
        ResultJson.put(o, "capital", a.capital());
        ResultJson.put(o, "finalEquity", a.finalEquity());
        ResultJson.put(o, "returnPct", a.returnPct());
        ResultJson.put(o, "cagrPct", a.cagrPct());
        ResultJson.put(o, "maxDrawdownPct", a.maxDrawdownPct());
        ResultJson.put(o, "maxDrawdownDays", a.maxDrawdownDays());
        ResultJson.put(o, "sharpe", a.sharpe());
        ResultJson.put(o, "sortino", a.sortino());
        ResultJson.put(o, "calmar", a.calmar());
        ResultJson.put(o, "exposurePct", a.exposurePct());
        o.put("maxConcurrent", a.maxConcurrent());
        o.put("entries", a.entries());
        o.put("taken", a.taken());
        o.put("skipped", a.skipped());
        o.put("skippedMaxOpen", a.skippedMaxOpen());
        o.put("skippedNoCash", a.skippedNoCash());
        o.put("endExits", a.endExits());
        o.put("days", a.days());
        return o;
    }

    public static AccountFigures readAccount(JsonNode a) {
        if (a == null || a.isNull() || a.isMissingNode()) {
            return null;
        }
        return new AccountFigures(num(a, "capital"), num(a, "finalEquity"), num(a, "returnPct"), num(a, "cagrPct"), num(a, "maxDrawdownPct"),
                num(a, "maxDrawdownDays"), num(a, "sharpe"), num(a, "sortino"), num(a, "calmar"), num(a, "exposurePct"), a.path("maxConcurrent").asInt(),
                a.path("entries").asInt(), a.path("taken").asInt(), a.path("skipped").asInt(), a.path("skippedMaxOpen").asInt(),
                a.path("skippedNoCash").asInt(), a.path("endExits").asInt(), a.path("days").asInt());
    }

    /** {@code accountOptions}: what the figures were run with. */
    public static ObjectNode spec(AccountSpec s) {
        ObjectNode o = JsonTrees.object();
        o.put("capital", s.capital());
        o.put("stake", s.stake().toString());
        o.put("maxOpen", s.maxOpen());
        return o;
    }

    public static AccountSpec readSpec(JsonNode o) {
        if (o == null || o.isMissingNode() || o.isNull()) {
            return null;
        }
        return new AccountSpec(o.path("capital").asDouble(), Stake.parse(o.path("stake").asText()), o.path("maxOpen").asInt());
    }

    /**
     * {@code robustness}: {@code pbo}, {@code dsrProbability}, {@code trials}, {@code edgeOfGrid}, and what backs them.
     *
     * @param position where each configuration index stands in the written results (the ranking's inverse)
     */
    public static ObjectNode robustness(Robustness r, List<TrailingConfig> grid, int[] position) {
        ObjectNode o = JsonTrees.object();
        ResultJson.put(o, "pbo", r.pboValue());
        ResultJson.put(o, "dsrProbability", r.dsrProbability());
        o.put("trials", r.trials());
        o.put("edgeOfGrid", r.edgeOfGrid());
        o.put("lonePeak", r.lonePeak());
        ResultJson.put(o, "pickSharpe", r.pickSharpe());
        ResultJson.put(o, "expectedMaxSharpe", r.expectedMaxSharpe());
        if (r.pbo() != null) {
            ObjectNode p = o.putObject("pboDetail");
            p.put("blocks", r.pbo().blocks());
            p.put("combinations", r.pbo().combinations());
            p.put("total", r.pbo().total());
            ArrayNode l = p.putArray("logits");
            for (double v : r.pbo().logits()) {
                l.add(Math.round(v * 1e4) / 1e4);
            }
        }
        Neighbourhood nb = r.neighbourhood();
        if (nb != null) {
            ObjectNode n = o.putObject("neighbourhood");
            n.put("pick", grid.get(nb.pick()).label());
            ResultJson.put(n, "pickScore", nb.pickScore());
            ArrayNode a = n.putArray("neighbours");
            for (Neighbourhood.Neighbour x : nb.neighbours()) {
                ObjectNode e = a.addObject();
                e.put("result", position[x.config()]);
                e.put("config", grid.get(x.config()).label());
                e.put("axis", x.axis());
                ResultJson.put(e, "score", x.score());
                e.put("rank", x.rank());
            }
            ArrayNode edges = n.putArray("edges");
            nb.edges().forEach(edges::add);
        }
        return o;
    }

    /** The inverse of {@link #robustness}, for results whose configurations are in written order. */
    public static Robustness readRobustness(JsonNode o) {
        if (o == null || o.isMissingNode() || o.isNull()) {
            return null;
        }
        Pbo.Result pbo = null;
        JsonNode p = o.get("pboDetail");
        if (p != null) {
            double[] logits = new double[p.path("logits").size()];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = p.get("logits").get(i).asDouble();
            }
            pbo = new Pbo.Result(num(o, "pbo"), logits, p.path("combinations").asInt(), p.path("total").asLong(), p.path("blocks").asInt());
        }
        Neighbourhood nb = null;
        JsonNode n = o.get("neighbourhood");
        if (n != null) {
            List<Neighbourhood.Neighbour> list = new ArrayList<>();
            for (JsonNode e : n.path("neighbours")) {
                list.add(new Neighbourhood.Neighbour(e.path("result").asInt(), e.path("axis").asText(), num(e, "score"), e.path("rank").asInt()));
            }
            List<String> edges = new ArrayList<>();
            n.path("edges").forEach(e -> edges.add(e.asText()));
            nb = new Neighbourhood(0, num(n, "pickScore"), 1, List.copyOf(list), List.copyOf(edges), o.path("lonePeak").asBoolean());
        }
        return new Robustness(pbo, num(o, "dsrProbability"), o.path("trials").asInt(), num(o, "pickSharpe"), num(o, "expectedMaxSharpe"), nb);
    }

    static double num(JsonNode s, String field) {
        JsonNode v = s.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
}
