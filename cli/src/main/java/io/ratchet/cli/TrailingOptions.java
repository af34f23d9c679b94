package io.ratchet.cli;

import io.ratchet.data.config.TrailingConfigJson;
import io.ratchet.engine.Mode;
import io.ratchet.engine.TrailingConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The trailing configuration on the command line: from {@code --config FILE}, with any
 * option given beside it taking precedence. Shared by every command that trails.
 */
final class TrailingOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Trailing configuration JSON (as written by sweep --export-best).")
    Path configFile;

    @Option(names = "--mode", paramLabel = "MODE", description = "profit-lock (keep a share of open profit) or percent (distance from the extreme).")
    String mode;

    @Option(names = "--trail", paramLabel = "X", description = "profit-lock: share of profit kept, (0, 1]; percent: distance from the extreme, (0, 1).")
    Double trail;

    @Option(names = "--activation", paramLabel = "A", description = "Profit (fraction of entry) the extreme must reach before the stop trails. Default: 0.")
    Double activation;

    @Option(names = "--initial-stop", paramLabel = "S", description = "Stop at entry, fraction of entry (e.g. 0.03); 'none' for no stop until activation. Default: none.")
    String initialStop;

    @Option(names = "--max-bars", paramLabel = "N", description = "Close at the close of the N-th bar after the entry bar; 0 for never. Default: 0.")
    Integer maxBars;

    @Option(names = "--fee", paramLabel = "F", description = "Fee rate per side. Default: 0.001 (Binance spot taker).")
    Double fee;

    @Option(names = "--slippage", paramLabel = "S", description = "Slippage on every exit fill, fraction. Default: 0.")
    Double slippage;

    TrailingConfig toConfig() {
        TrailingConfig base = configFile != null ? TrailingConfigJson.read(configFile) : null;
        if (base == null && (mode == null || trail == null)) {
            throw new UsageException("give --mode and --trail, or --config FILE");
        }
        Mode m = mode != null ? Mode.parse(mode) : base.mode();
        double t = trail != null ? trail : base.trail();
        double a = activation != null ? activation : base != null ? base.activation() : 0;
        double s = initialStop != null ? parseInitialStop(initialStop) : base != null ? base.initialStop() : Double.NaN;
        int mb = maxBars != null ? maxBars : base != null ? base.maxBars() : 0;
        double f = fee != null ? fee : base != null ? base.fee() : TrailingConfig.DEFAULT_FEE;
        double sl = slippage != null ? slippage : base != null ? base.slippage() : 0;
        return new TrailingConfig(m, t, a, s, mb, f, sl);
    }

    static double parseInitialStop(String text) {
        if (text.equalsIgnoreCase("none")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--initial-stop: expected a fraction such as 0.03 or 'none', got '" + text + "'");
        }
    }
}
