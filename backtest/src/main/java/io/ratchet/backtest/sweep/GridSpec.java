package io.ratchet.backtest.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameter lists on the command line: {@code from:to:step} includes both ends, counted on
 * the step's decimals ({@code 0.05:0.95:0.05} is 19 values, no floating drift); a comma
 * list gives values one by one; {@code none} (where allowed) is {@code NaN}.
 */
public final class GridSpec {
    private GridSpec() {
    }

    public static double[] parse(String option, String text, boolean noneAllowed) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException(option + ": empty value in '" + text + "'");
            }
            if (p.equalsIgnoreCase("none")) {
                if (!noneAllowed) {
                    throw new IllegalArgumentException(option + ": 'none' is not allowed here");
                }
                out.add(Double.NaN);
            } else if (p.contains(":")) {
                out.addAll(range(option, p));
            } else {
                out.add(number(option, p));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> range(String option, String spec) {
        String[] f = spec.split(":");
        if (f.length != 3) {
            throw new IllegalArgumentException(option + ": a range is from:to:step, got '" + spec + "'");
        }
        BigDecimal from = decimal(option, f[0]);
        BigDecimal to = decimal(option, f[1]);
        BigDecimal step = decimal(option, f[2]);
        if (step.signum() <= 0) {
            throw new IllegalArgumentException(option + ": the step of '" + spec + "' must be positive");
        }
        if (to.compareTo(from) < 0) {
            throw new IllegalArgumentException(option + ": '" + spec + "' runs backwards (to < from)");
        }
        BigDecimal count = to.subtract(from).divide(step, 0, java.math.RoundingMode.FLOOR);
        if (count.compareTo(BigDecimal.valueOf(100_000)) > 0) {
            throw new IllegalArgumentException(option + ": '" + spec + "' has more than 100000 values");
        }
        List<Double> out = new ArrayList<>();
        for (int k = 0; k <= count.intValue(); k++) {
            out.add(from.add(step.multiply(BigDecimal.valueOf(k))).doubleValue());
        }
        return out;
    }

    private static BigDecimal decimal(String option, String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
        }
    }

    private static double number(String option, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + s + "' is not a number");
        }
    }
}
