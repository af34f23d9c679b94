package io.ratchet.cli;

import io.ratchet.backtest.account.Account;
import io.ratchet.backtest.account.AccountSpec;
import io.ratchet.backtest.account.Stake;
import io.ratchet.data.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The account the trades run through (backtest, sweep): capital, stake, cap on open positions, the equity file. */
final class AccountOptions {
    @Option(names = "--capital", paramLabel = "C", defaultValue = "10000",
            description = "Account capital at the start, in the quote currency. Default: ${DEFAULT-VALUE}.")
    double capital;

    @Option(names = "--stake", paramLabel = "S|P%", defaultValue = "10%",
            description = {"Quote spent per entry (fee included): an amount (250), or P%% of the equity at the last close (compounding).",
                "Default: ${DEFAULT-VALUE}."})
    String stake;

    @Option(names = "--max-open", paramLabel = "N", defaultValue = "10",
            description = "An entry that finds N positions open is skipped (and counted). Default: ${DEFAULT-VALUE}.")
    int maxOpen;

    @Option(names = "--equity", paramLabel = "FILE", description = "Write time,equity at every bar close (CSV; time is the bar's close, epoch ms).")
    Path equity;

    AccountSpec spec() {
        try {
            Stake s = Stake.parse(stake);
            if (!s.compounding() && s.amount() > capital) {
                throw new UsageException("--stake: " + stake + " is more than the capital " + Fmt.plain(capital) + " (--capital)");
            }
            return new AccountSpec(capital, s, maxOpen);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    void writeEquity(io.ratchet.data.io.StagedOutputs outputs, Account.Run run, java.util.List<String> wrote) throws IOException {
        if (equity == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(32 * run.time().length).append("time,equity\n");
        for (int i = 0; i < run.time().length; i++) {
            sb.append(run.time()[i]).append(',').append(run.equity()[i]).append('\n');
        }
        byte[] bytes = utf8(sb.toString());
        outputs.file(equity, OutputKinds.EQUITY, o -> o.write(bytes));
        wrote.add("wrote " + equity + " (equity at " + run.time().length + " bar closes)");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
