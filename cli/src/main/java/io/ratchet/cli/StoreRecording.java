package io.ratchet.cli;

import io.ratchet.data.store.TradeJournal;
import io.ratchet.data.store.TradeStore;
import io.ratchet.live.exchange.AggTrade;
import io.ratchet.live.record.TradeSink;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code live --record} into the store: each write appends to the symbol's journal
 * ({@code SYMBOL.aggtrades.journal}, forced to disk), which {@code SYMBOL:trades} reads with the
 * store file at once; the journal is folded into {@code SYMBOL.aggtrades} (a temporary file,
 * then a move; an id stored already must have the same values) when it grows past
 * {@code foldAboveBytes}, and when the runner stops. Called on the recorder's thread only.
 */
final class StoreRecording implements TradeSink {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecording.class);
    /** A journal this large is folded into the store file while the run goes on (about 1.5 million trades). */
    static final long FOLD_ABOVE_BYTES = 64L << 20;

    private final TradeStore store;
    private final TradeJournal journal;
    private final long foldAboveBytes;
    private final Set<String> recorded = new TreeSet<>();
    private final Set<String> unfoldable = new TreeSet<>();

    StoreRecording(TradeStore store, long foldAboveBytes) {
        this.store = store;
        this.journal = new TradeJournal(store);
        this.foldAboveBytes = foldAboveBytes;
    }

    @Override
    public void append(String symbol, List<AggTrade> trades) throws Exception {
        int n = trades.size();
        long[] id = new long[n];
        double[] price = new double[n];
        double[] qty = new double[n];
        long[] time = new long[n];
        boolean[] maker = new boolean[n];
        for (int k = 0; k < n; k++) {
            AggTrade t = trades.get(k);
            id[k] = t.id();
            price[k] = t.price();
            qty[k] = t.quantity();
            time[k] = t.time();
            maker[k] = t.buyerMaker();
        }
        journal.append(symbol, id, price, qty, time, maker, n);
        recorded.add(symbol);
        if (!unfoldable.contains(symbol) && journal.bytes(symbol) > foldAboveBytes) {
            try {
                fold(symbol);
            } catch (Exception e) {
                // The trades are on disk in the journal, which SYMBOL:trades reads: recording goes on; the fold is tried again at the end.
                unfoldable.add(symbol);
                LOG.error("recording: {} could not be folded into {} ({}); it stays in {} until the runner stops", symbol, store.file(symbol),
                        e.getMessage(), journal.file(symbol));
            }
        }
    }

    @Override
    public void finish() throws Exception {
        Exception first = null;
        for (String symbol : recorded) {
            try {
                fold(symbol);
            } catch (Exception e) {
                LOG.error("recording: {} stays in {} ({}); {}:trades still reads it", symbol, journal.file(symbol), e.getMessage(), symbol);
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void fold(String symbol) throws Exception {
        journal.fold(symbol).ifPresent(s -> LOG.info("recording: {} folded into {} ({} trades stored)", symbol, store.file(symbol), s.size()));
    }

    @Override
    public String where() {
        return store.root().toString();
    }
}
