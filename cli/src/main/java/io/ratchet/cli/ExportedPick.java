package io.ratchet.cli;

import io.ratchet.data.config.JsonTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ratchet.backtest.ResultJson;
import io.ratchet.backtest.sweep.SweepResult;
import io.ratchet.backtest.sweep.Verdict;
import io.ratchet.data.config.TrailingConfigJson;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code sweep --export-best} writes: the pick's trailing fields at the top level (so
 * the file stays a plain {@code --config} file), and beside them {@code verdict} (did the pick
 * hold up out of sample) and {@code evidence} (the figures that verdict rests on). Evidence is
 * an open object: figures added later are new fields in it, and old readers skip them.
 */
final class ExportedPick {
    private ExportedPick() {
    }

    /** Whether the verdict lets the pick be exported without {@code --export-anyway}. */
    static boolean tradable(Verdict v) {
        return v != null && (v.outcome() == Verdict.Outcome.HOLDS || v.outcome() == Verdict.Outcome.WEAKENS);
    }

    /** Why an export is refused, naming the option that would force it. */
    static String refusal(Path file, Verdict v) {
        String why = v == null ? "the sweep had no out-of-sample check (--split F or --walk-forward K), so nothing says the pick holds up"
                : "the verdict is " + v.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + v.text();
        return "--export-best " + file + ": not written: " + why + " (add --export-anyway to write it regardless)";
    }

    static String json(SweepResult r, Verdict v, com.fasterxml.jackson.databind.node.ObjectNode data) {
        ObjectNode root = io.ratchet.data.config.JsonTrees.stamped().setAll(TrailingConfigJson.toNode(r.bestConfig()));
        ObjectNode verdict = root.putObject("verdict");
        if (v == null) {
            verdict.put("outcome", "none");
            verdict.put("text", "No out-of-sample check: the pick is fitted to this history.");
        } else {
            verdict.put("outcome", v.outcome().name().toLowerCase(Locale.ROOT));
            verdict.put("text", v.text());
            verdict.put("outOfSampleRank", v.oosRank());
            verdict.put("configurations", v.configs());
        }
        verdict.put("exportedAnyway", !tradable(v));
        ObjectNode ev = root.putObject("evidence");
        ev.put("rankedBy", r.rankBy().id());
        ev.put("configurations", r.grid().size());
        // Per trade (unit stake each) and through the account: the pick was ranked by the account's figures.
        ev.set("inSample", ResultJson.summary(r.inSample()[r.best()], r.inSampleAccount(r.best())));
        if (r.hasOutOfSample()) {
            ev.set("outOfSample", ResultJson.summary(r.outOfSample()[r.best()], r.outOfSampleAccount(r.best())));
        }
        if (r.splitTime() > 0) {
            ev.put("outOfSampleFrom", r.splitTime());
        }
        if (!r.windows().isEmpty()) {
            ev.put("walkForwardWindows", r.windows().size());
            ev.set("walkForwardPooledTest", ResultJson.summary(r.walkForward(), r.walkForwardAccount()));
        }
        if (data != null) {
            ev.set("data", data);
        }
        return Json.pretty(root) + "\n";
    }

    /**
     * Prints the verdict and evidence a configuration file carries, if it is an exported pick;
     * a hand-written configuration has neither and prints nothing.
     */
    static void print(Path file, PrintWriter out) {
        if (file == null) {
            return;
        }
        JsonNode root;
        try {
            root = JsonTrees.reader().readTree(Files.readString(file).replaceFirst("^\uFEFF", ""));
        } catch (java.io.IOException e) {
            return; // TrailingConfigJson.read has already said what is wrong with the file
        }
        JsonNode v = root.path("verdict");
        if (v.isMissingNode()) {
            return;
        }
        out.println("config:   " + file + ": exported by a sweep; verdict " + v.path("outcome").asText("?")
                + (v.path("exportedAnyway").asBoolean() ? " (exported with --export-anyway)" : ""));
        if (v.hasNonNull("text")) {
            out.println("          " + v.get("text").asText());
        }
        JsonNode ev = root.path("evidence");
        for (String side : new String[] {"inSample", "outOfSample", "walkForwardPooledTest"}) {
            JsonNode s = ev.path(side);
            if (s.isObject()) {
                // The per-trade fall is of a sum of unit stakes, in points: not an account's drawdown, which is said apart.
                out.printf(Locale.ROOT, "          %-22s %d trades, mean %s, total %s, largest fall of the sum %s (per trade, unit stake each)%n",
                        label(side) + ":", s.path("trades").asInt(), Fmt.pct(s.path("meanReturn").asDouble(Double.NaN), 3),
                        Fmt.pct(s.path("totalReturn").asDouble(Double.NaN), 2),
                        Fmt.points(s.path("maxDrawdown").asDouble(Double.NaN)));
                JsonNode a = s.path("account");
                if (a.isObject()) {
                    out.printf(Locale.ROOT, "          %-22s account: return %s, max drawdown %s, Sharpe %s%n", "", Fmt.pct(a.path("returnPct").asDouble(Double.NaN) / 100, 2),
                            Fmt.pct(a.path("maxDrawdownPct").asDouble(Double.NaN) / 100, 2).replace("+", ""),
                            a.hasNonNull("sharpe") ? Fmt.num(a.get("sharpe").asDouble(), 2) : "-");
                }
            }
        }
        ev.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getKey().equals("outOfSampleFrom")) {
                out.println("          " + e.getKey() + ": " + e.getValue().asText());
            }
        });
    }

    private static String label(String side) {
        return switch (side) {
            case "inSample" -> "in sample";
            case "outOfSample" -> "out of sample";
            default -> "walk-forward tests";
        };
    }
}
