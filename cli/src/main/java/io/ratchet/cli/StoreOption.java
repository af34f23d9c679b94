package io.ratchet.cli;

import io.ratchet.data.store.KlineStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR}, else {@code $RATCHET_STORE}, else {@code ~/.ratchet/data}. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR", description = "Local kline store. Default: $RATCHET_STORE or ~/.ratchet/data.")
    Path store;

    KlineStore open() {
        return new KlineStore(store != null ? store : KlineStore.defaultRoot());
    }
}
