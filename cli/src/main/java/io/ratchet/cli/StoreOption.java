package io.ratchet.cli;

import io.ratchet.data.store.KlineStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR}, else {@code $RATCHET_STORE}, else {@code ~/.ratchet/data}. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR", description = "Local kline store. Default: $RATCHET_STORE or ~/.ratchet/data.")
    Path store;

    KlineStore open() {
        Path root = store != null ? store : KlineStore.defaultRoot();
        if (java.nio.file.Files.exists(root) && !java.nio.file.Files.isDirectory(root)) {
            throw new UsageException((store != null ? "--store " : "the store (from $RATCHET_STORE or ~/.ratchet/data) ") + root
                    + ": is a file, not a folder; the store is a folder of SYMBOL-INTERVAL.klines files");
        }
        return new KlineStore(root);
    }
}
