package io.ratchet.data.trades;

import java.util.Arrays;

/**
 * Growable columns of trades being read, with where each came from (file and line) so that
 * validation can name them. Prices and quantities are integers of {@code 10^-8}.
 */
public final class TradeBuffer {
    /** The finest decimals a Binance price or quantity has. */
    public static final int SCALE = 8;

    long[] id;
    long[] firstId;
    long[] lastId;
    long[] time;
    long[] price;
    long[] qty;
    boolean[] maker;
    int[] file;
    int[] line;
    int size;
    /** The most decimals a price (a quantity) needed, trailing zeros not counted. */
    int priceDecimals;
    int qtyDecimals;

    public TradeBuffer() {
        this(1024);
    }

    public TradeBuffer(int capacity) {
        int c = Math.max(16, capacity);
        id = new long[c];
        firstId = new long[c];
        lastId = new long[c];
        time = new long[c];
        price = new long[c];
        qty = new long[c];
        maker = new boolean[c];
        file = new int[c];
        line = new int[c];
    }

    public int size() {
        return size;
    }

    public long lastTradeId() {
        return id[size - 1];
    }

    /** A trade from a source without files (a download): price and quantity in units of 10^-8. */
    public void add(long aggId, long first, long last, long timeMicros, long price8, long qty8, boolean buyerMaker, int lineNo) {
        add(aggId, first, last, timeMicros, price8, qty8, buyerMaker, 0, lineNo);
        noteDecimals(decimalsOf(price8), decimalsOf(qty8));
    }

    void add(long aggId, long first, long last, long timeMicros, long price8, long qty8, boolean buyerMaker, int fileIndex, int lineNo) {
        if (size == id.length) {
            grow(size + 1);
        }
        id[size] = aggId;
        firstId[size] = first;
        lastId[size] = last;
        time[size] = timeMicros;
        price[size] = price8;
        qty[size] = qty8;
        maker[size] = buyerMaker;
        file[size] = fileIndex;
        line[size] = lineNo;
        size++;
    }

    void noteDecimals(int p, int q) {
        priceDecimals = Math.max(priceDecimals, p);
        qtyDecimals = Math.max(qtyDecimals, q);
    }

    void ensure(int more) {
        if (size + more > id.length) {
            grow(size + more);
        }
    }

    private void grow(int need) {
        int n = Math.max(need, id.length + (id.length >> 1) + 16);
        id = Arrays.copyOf(id, n);
        firstId = Arrays.copyOf(firstId, n);
        lastId = Arrays.copyOf(lastId, n);
        time = Arrays.copyOf(time, n);
        price = Arrays.copyOf(price, n);
        qty = Arrays.copyOf(qty, n);
        maker = Arrays.copyOf(maker, n);
        file = Arrays.copyOf(file, n);
        line = Arrays.copyOf(line, n);
    }

    /** Significant decimals of an integer of 10^-8: 4200001000000 (42000.01) has 2. */
    static int decimalsOf(long units8) {
        if (units8 == 0) {
            return 0;
        }
        int d = SCALE;
        while (d > 0 && units8 % 10 == 0) {
            units8 /= 10;
            d--;
        }
        return d;
    }
}
