package io.ratchet.backtest.robust;

import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * The pick among its grid neighbours: the configurations of its mode one step away on one
 * axis (trail, activation, initial stop). A pick whose neighbours score well sits on a
 * plateau that is likely to survive small changes in the market; one that towers over them
 * sits on a lone peak, as often as not a fit to noise. A pick on the edge of an axis may have
 * its best beyond what was tried.
 *
 * @param neighbours  the neighbours, axis by axis
 * @param edges       axes on which the pick is the smallest or largest value tried (not a natural bound)
 * @param lonePeak    fewer than half of at least two neighbours rank in the grid's top quarter
 */
public record Neighbourhood(int pick, double pickScore, int pickRank, List<Neighbour> neighbours, List<String> edges, boolean lonePeak) {

    /** @param rank 1-based, in the grid's ranking */
    public record Neighbour(int config, String axis, double score, int rank) {
    }

    public boolean edgeOfGrid() {
        return !edges.isEmpty();
    }

    /**
     * @param score   each configuration's score (NaN for none)
     * @param ranking configuration indices, best first
     */
    public static Neighbourhood of(List<TrailingConfig> grid, int[] ranking, IntToDoubleFunction score) {
        int pick = ranking[0];
        int[] rankOf = new int[grid.size()];
        for (int k = 0; k < ranking.length; k++) {
            rankOf[ranking[k]] = k + 1;
        }
        TrailingConfig p = grid.get(pick);
        Map<List<Object>, Integer> index = new HashMap<>();
        TreeSet<Double> trails = new TreeSet<>();
        TreeSet<Double> activations = new TreeSet<>();
        TreeSet<Double> stops = new TreeSet<>(); // NaN ('none') sorts last as Double.compare has it
        for (int c = 0; c < grid.size(); c++) {
            TrailingConfig k = grid.get(c);
            index.putIfAbsent(key(k.mode(), k.trail(), k.activation(), k.initialStop(), k), c);
            if (k.mode() == p.mode() && k.maxBars() == p.maxBars()) {
                trails.add(k.trail());
                activations.add(k.activation());
                stops.add(k.initialStop());
            }
        }
        List<Neighbour> out = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        axis("trail", trails, p.trail(), v -> key(p.mode(), v, p.activation(), p.initialStop(), p), index, score, rankOf, out);
        axis("activation", activations, p.activation(), v -> key(p.mode(), p.trail(), v, p.initialStop(), p), index, score, rankOf, out);
        axis("initialStop", stops, p.initialStop(), v -> key(p.mode(), p.trail(), p.activation(), v, p), index, score, rankOf, out);
        edge("trail", trails, p.trail(), p.mode() == Mode.PROFIT_LOCK ? 1.0 : Double.NaN, edges);
        edge("activation", activations, p.activation(), 0.0, edges);
        TreeSet<Double> numericStops = new TreeSet<>(stops);
        numericStops.remove(Double.NaN);
        if (p.initialStop() == p.initialStop()) {
            edge("initialStop", numericStops, p.initialStop(), Double.NaN, edges);
        }
        int top = Math.max(1, (grid.size() + 3) / 4);
        long high = out.stream().filter(n -> n.rank() <= top).count();
        boolean lone = out.size() >= 2 && 2 * high < out.size();
        return new Neighbourhood(pick, score.applyAsDouble(pick), 1, List.copyOf(out), List.copyOf(edges), lone);
    }

    private static List<Object> key(Mode m, double trail, double activation, double stop, TrailingConfig like) {
        return List.of(m, trail, activation, Double.doubleToLongBits(stop), like.maxBars(), like.fee(), like.slippage());
    }

    private static void axis(String name, TreeSet<Double> values, double at, java.util.function.DoubleFunction<List<Object>> keyAt,
                             Map<List<Object>, Integer> index, IntToDoubleFunction score, int[] rankOf, List<Neighbour> out) {
        Double lower = values.lower(at);
        Double higher = values.higher(at);
        for (Double v : new Double[] {lower, higher}) {
            if (v != null) {
                Integer c = index.get(keyAt.apply(v));
                if (c != null) {
                    out.add(new Neighbour(c, name, score.applyAsDouble(c), rankOf[c]));
                }
            }
        }
    }

    /** At least three values, the pick at either end, and that end not a bound nothing lies beyond. */
    private static void edge(String name, TreeSet<Double> values, double at, double bound, List<String> edges) {
        if (values.size() < 3) {
            return;
        }
        boolean first = at == values.first() && !(at == 0.0 && "activation".equals(name));
        boolean last = at == values.last() && at != bound;
        if (first) {
            edges.add(String.format(Locale.ROOT, "%s %s is the smallest tried", name, plain(at)));
        } else if (last) {
            edges.add(String.format(Locale.ROOT, "%s %s is the largest tried", name, plain(at)));
        }
    }

    static String plain(double v) {
        return v != v ? "none" : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
