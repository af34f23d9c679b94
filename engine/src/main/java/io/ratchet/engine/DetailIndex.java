package io.ratchet.engine;

/**
 * For each main bar, the range of lower-timeframe bars whose open time lies inside it
 * ({@code [openTime, openTime + interval)}): what {@link IntrabarOrder#DETAIL} walks.
 */
public final class DetailIndex {
    private final Bars detail;
    private final int[] start;
    private final int[] end;

    private DetailIndex(Bars detail, int[] start, int[] end) {
        this.detail = detail;
        this.start = start;
        this.end = end;
    }

    /** One merge pass over both series (both sorted by open time). */
    public static DetailIndex of(Bars main, long intervalMillis, Bars detail) {
        int n = main.openTime().length;
        int[] start = new int[n];
        int[] end = new int[n];
        long[] dt = detail.openTime();
        int k = detail.from();
        for (int i = main.from(); i < main.to(); i++) {
            long t0 = main.openTime()[i];
            long t1 = t0 + intervalMillis;
            while (k < detail.to() && dt[k] < t0) {
                k++;
            }
            start[i] = k;
            while (k < detail.to() && dt[k] < t1) {
                k++;
            }
            end[i] = k;
        }
        return new DetailIndex(detail, start, end);
    }

    public Bars detail() {
        return detail;
    }

    /** First detail bar of main bar {@code i}. */
    public int start(int i) {
        return start[i];
    }

    /** One past the last detail bar of main bar {@code i}; equal to start when there is none. */
    public int end(int i) {
        return end[i];
    }
}
