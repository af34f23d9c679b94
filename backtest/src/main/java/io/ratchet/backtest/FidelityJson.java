package io.ratchet.backtest;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fidelity gap as JSON, numbers as the contract defines them (returns as fractions, the
 * account's in %, times in epoch ms, undefined values as null): {@code trades}, {@code adverseFirst},
 * {@code detail} (null below 1m), each bar walk with its differences from the trades walk.
 */
public final class FidelityJson {
    /** Said in every {@code fidelity} object, so that a reader of the file knows what the counts count. */
    public static final String DEFINITION = "an exit differs when its exit bar, its exit reason or its fill price is not the same "
            + "as on the trades walk; every delta is the bar walk minus the trades walk";

    private FidelityJson() {
    }

    public static ObjectNode of(FidelityGap g) {
        ObjectNode o = JsonTrees.object();
        o.put("definition", DEFINITION);
        return body(o, g);
    }

    /**
     * A sweep's gap of every configuration, in the order of {@code order} (the ranking, as the
     * sweep's {@code results}): each the object {@link #of} writes for a backtest, with its
     * {@code config} in place of the definition (said once, beside the array, as {@code fidelityDefinition}).
     */
    public static ArrayNode grid(java.util.List<io.ratchet.engine.TrailingConfig> grid, int[] order, java.util.List<FidelityGap> rows) {
        ArrayNode a = JsonTrees.array();
        for (int c : order) {
            ObjectNode o = a.addObject();
            o.set("config", io.ratchet.data.config.TrailingConfigJson.toNode(grid.get(c)));
            body(o, rows.get(c));
        }
        return a;
    }

    private static ObjectNode body(ObjectNode o, FidelityGap g) {
        o.set("trades", walk(g.trades()));
        o.set("adverseFirst", comparison(g.adverseFirst(), "main bars"));
        if (g.detail() != null) {
            o.set("detail", comparison(g.detail(), g.detailBars()));
        } else {
            o.putNull("detail");
        }
        return o;
    }

    private static ObjectNode walk(FidelityGap.Walk w) {
        ObjectNode o = JsonTrees.object();
        o.put("walk", w.name());
        o.set("summary", ResultJson.summary(w.summary()));
        put(o, "accountReturnPct", w.accountReturnPct());
        return o;
    }

    private static ObjectNode comparison(FidelityGap.Comparison c, String bars) {
        ObjectNode o = walk(c.walk());
        o.put("bars", bars);
        o.put("exits", c.exits());
        o.put("differ", c.differ());
        o.put("differShare", c.differShare());
        o.put("inAnotherBar", c.inAnotherBar());
        o.put("sameBarOtherwise", c.sameBarOtherwise());
        put(o, "meanReturnDelta", c.meanReturnDelta());
        o.put("totalReturnDelta", c.totalReturnDelta());
        put(o, "accountReturnPctDelta", c.accountReturnPctDelta());
        if (c.worst() == null) {
            o.putNull("worst");
        } else {
            FidelityGap.Difference d = c.worst();
            ObjectNode w = o.putObject("worst");
            w.put("entry", d.entry());
            w.put("entryTime", d.onTrades().entryTime());
            w.put("direction", d.onTrades().direction().id());
            w.put("entryPrice", d.onTrades().entryPrice());
            w.set("onTrades", ResultJson.trade(d.onTrades()));
            w.set("onBars", ResultJson.trade(d.onBars()));
            w.put("netReturnDelta", d.returnDelta());
        }
        return o;
    }

    private static void put(ObjectNode o, String field, double v) {
        if (v != v || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
