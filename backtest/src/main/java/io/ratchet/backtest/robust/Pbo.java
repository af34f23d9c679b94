package io.ratchet.backtest.robust;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, López de Prado and Zhu, "The Probability of Backtest Overfitting", 2017).
 *
 * <p>The days are cut into {@code S} blocks of time. Each way of choosing half of the blocks
 * as "in sample" (the rest "out of sample") picks the configuration with the best Sharpe
 * ratio on its half and looks up where that configuration ranks on the other half: its
 * relative rank {@code ω = rank / (N + 1)} (rank 1 the worst of {@code N}) and logit
 * {@code λ = ln(ω / (1 − ω))}. PBO is the share of combinations with {@code λ < 0}: the
 * in-sample best ranked below the median out of sample. On noise it is about one half.
 *
 * <p>Sharpe ratios of unions of blocks come from per-block sums, so a combination costs
 * O(configurations × blocks), not a pass over the days.
 */
public final class Pbo {
    /** Above this many (combination × configuration) evaluations, combinations are sampled (seeded). */
    static final long BUDGET = 200_000_000L;
    /** Doubles the subset tables may take (240 MB); beyond, blocks are summed per combination. */
    static final long TABLES = 30_000_000L;

    private Pbo() {
    }

    /**
     * @param pbo          share of combinations whose in-sample best ranked below the median out of sample
     * @param logits       λ of every combination evaluated
     * @param combinations how many were evaluated
     * @param total        {@code C(S, S/2)}
     */
    public record Result(double pbo, double[] logits, int combinations, long total, int blocks) {
        public boolean sampled() {
            return combinations < total;
        }
    }

    /**
     * Per-block sums of daily returns, one row per configuration: where the account's daily
     * returns are added as they are computed, so no configuration's days are kept.
     */
    public static final class Blocks {
        final int configs;
        final int blocks;
        final long firstDay;
        final long days;
        /** Per configuration and block: count, sum, sum of squares. */
        final double[] acc;

        /** {@code blocks} equal spans of the epoch days {@code [firstDay, lastDay]}. */
        public Blocks(int configs, int blocks, long firstDay, long lastDay) {
            if (blocks < 2 || blocks % 2 != 0 || blocks > 24) {
                throw new IllegalArgumentException("--pbo-blocks: an even number from 2 to 24, got " + blocks);
            }
            this.configs = configs;
            this.blocks = blocks;
            this.firstDay = firstDay;
            this.days = lastDay - firstDay + 1;
            this.acc = new double[configs * blocks * 3];
        }

        public int blocks() {
            return blocks;
        }

        public long days() {
            return days;
        }

        /** Thread-safe across configurations (each writes its own row). */
        public void add(int config, long epochDay, double ret) {
            int b = (int) Math.min(blocks - 1, Math.max(0, (epochDay - firstDay) * blocks / days));
            int at = (config * blocks + b) * 3;
            acc[at] += 1;
            acc[at + 1] += ret;
            acc[at + 2] += ret * ret;
        }
    }

    /** Null when there are fewer days than blocks or fewer than two configurations. */
    public static Result of(Blocks k) {
        return of(k, TABLES);
    }

    /** With at most {@code tables} doubles of subset tables. */
    static Result of(Blocks k, long tableBudget) {
        int n = k.configs;
        int s = k.blocks;
        if (n < 2 || k.days < s) {
            return null;
        }
        int[] masks = combinations(s, n);
        long total = binomial(s, s / 2);
        // Meet in the middle: the sums over any set of blocks are the sums over its low half of
        // the blocks plus its high half, each looked up from a table of all their subsets; and a
        // half's complement is the total minus the half. A combination then costs a few additions
        // per configuration.
        int lo = s / 2;
        int hi = s - lo;
        int loSize = 1 << lo;
        int hiSize = 1 << hi;
        if ((long) n * (loSize + hiSize) * 3 > tableBudget) {
            // Too large a grid for the tables: each combination sums its blocks directly.
            lo = s;
            hi = 0;
            loSize = 1 << s;
            hiSize = 1;
        }
        final int loBits = lo;
        final int loCount = loSize;
        final int hiCount = hiSize;
        boolean tables = hi > 0;
        double[] loTable = tables ? new double[n * loSize * 3] : null;
        double[] hiTable = tables ? new double[n * hiSize * 3] : null;
        double[] all = new double[3 * n];
        for (int c = 0; c < n; c++) {
            if (tables) {
                subsets(k.acc, c * s * 3, lo, loTable, c * loSize * 3);
                subsets(k.acc, (c * s + lo) * 3, hi, hiTable, c * hiSize * 3);
            }
            for (int b = 0; b < s; b++) {
                for (int j = 0; j < 3; j++) {
                    all[3 * c + j] += k.acc[(c * s + b) * 3 + j];
                }
            }
        }
        double[] logits = new double[masks.length];
        IntStream.range(0, masks.length).parallel().forEach(m -> {
            int mask = masks[m];
            int ml = mask & (loCount - 1);
            int mh = mask >>> loBits;
            double[] oos = new double[n];
            double bestIs = Double.NEGATIVE_INFINITY;
            int best = -1;
            for (int c = 0; c < n; c++) {
                double cnt;
                double sum;
                double sq;
                if (tables) {
                    int a = (c * loCount + ml) * 3;
                    int b = (c * hiCount + mh) * 3;
                    cnt = loTable[a] + hiTable[b];
                    sum = loTable[a + 1] + hiTable[b + 1];
                    sq = loTable[a + 2] + hiTable[b + 2];
                } else {
                    cnt = 0;
                    sum = 0;
                    sq = 0;
                    for (int bits = mask; bits != 0; bits &= bits - 1) {
                        int at = (c * s + Integer.numberOfTrailingZeros(bits)) * 3;
                        cnt += k.acc[at];
                        sum += k.acc[at + 1];
                        sq += k.acc[at + 2];
                    }
                }
                double is = score(cnt, sum, sq);
                oos[c] = score(all[3 * c] - cnt, all[3 * c + 1] - sum, all[3 * c + 2] - sq);
                if (best < 0 || is > bestIs) {
                    bestIs = is;
                    best = c;
                }
            }
            double mine = oos[best];
            double below = 0;
            for (int c = 0; c < n; c++) {
                if (oos[c] < mine) {
                    below += 1;
                } else if (oos[c] == mine && c != best) {
                    below += 0.5; // ties share their ranks
                }
            }
            double omega = (below + 1) / (n + 1);
            logits[m] = Math.log(omega / (1 - omega));
        });
        int overfit = 0;
        for (double l : logits) {
            if (l < 0) {
                overfit++;
            }
        }
        return new Result((double) overfit / logits.length, logits, logits.length, total, s);
    }

    /** Sums (count, sum, squares) over every subset of {@code width} consecutive blocks starting at {@code from}. */
    private static void subsets(double[] acc, int from, int width, double[] out, int at) {
        for (int m = 1; m < 1 << width; m++) {
            int low = Integer.numberOfTrailingZeros(m);
            int rest = m & (m - 1);
            for (int j = 0; j < 3; j++) {
                out[at + 3 * m + j] = out[at + 3 * rest + j] + acc[from + 3 * low + j];
            }
        }
    }

    /**
     * The Sharpe ratio's order, cheaply: every configuration has a return on the same days, so
     * within one half the count is common, and {@code sum |sum| / (count · squares − sum²)}
     * is the signed square of the Sharpe ratio times a factor shared by all of them.
     */
    static double score(double cnt, double sum, double sq) {
        double d = cnt * sq - sum * sum;
        return cnt >= 2 && d > 1e-300 * cnt * cnt ? sum * Math.abs(sum) / d : 0;
    }

    /** Sharpe ratio from count, sum, sum of squares; 0 for a flat equity (no position, no risk, no return). */
    static double sharpe(double cnt, double sum, double sq) {
        if (cnt < 2) {
            return 0;
        }
        double mean = sum / cnt;
        double var = (sq - cnt * mean * mean) / (cnt - 1);
        return var > 1e-300 ? mean / Math.sqrt(var) : 0;
    }

    /** Every subset of half of {@code s} blocks as a bit mask, or a seeded sample of them when the grid is large. */
    static int[] combinations(int s, int configs) {
        long total = binomial(s, s / 2);
        int[] all = new int[(int) total];
        int k = 0;
        // Gosper's hack: the next larger integer with the same number of set bits.
        for (int m = (1 << (s / 2)) - 1; k < all.length; ) {
            all[k++] = m;
            int c = m & -m;
            int r = m + c;
            m = (((r ^ m) >>> 2) / c) | r;
        }
        long want = Math.max(100, BUDGET / Math.max(1, configs));
        if (want >= k) {
            return all;
        }
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < want; i++) {
            int j = i + rnd.nextInt(k - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, (int) want);
        Arrays.sort(out);
        return out;
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
