package io.ratchet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimExchangeCommandTest {

    @Test
    void printsBothUrlsServesAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.ratchet.cli.Main", "sim-exchange",
                "--data", Path.of("..", "sample-data", "BTCUSDT-1h").toString(), "--port", "0", "--speed", "3600").start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String rest = out.readLine();
            String ws = out.readLine();
            assertThat(rest).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(ws).isEqualTo(rest.replace("http://", "ws://") + "/");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rest + "/api/v3/exchangeInfo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"symbol\":\"BTCUSDT\"").contains("\"baseAsset\":\"BTC\"");
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        }
    }

    @Test
    void aRandomWalkNeedsNoDataAndASymbolWithoutQuoteIsAUsageError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.ratchet.cli.Main", "sim-exchange",
                "--random-walk", "5000", "--seed", "3", "--symbol", "ethusdt").start();
        try {
            String rest = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rest + "/api/v3/exchangeInfo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("\"symbol\":\"ETHUSDT\"").contains("\"quoteAsset\":\"USDT\"");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        CliRun bad = CliRun.of("sim-exchange", "--random-walk", "1000", "--symbol", "SYN");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("quote asset");
        CliRun none = CliRun.of("sim-exchange");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--random-walk");
    }

    @Test
    void helpDocumentsEveryFaultSwitch() {
        CliRun help = CliRun.of("sim-exchange", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--drop-stream-every", "--stall-after", "--rate-limit-every", "--retry-after", "--server-error-every",
                "--server-error-rate", "--timestamp-error-every", "--delay", "--seed", "--api-key", "--api-secret", "--balance",
                "--commission-asset", "--orders-per-10s", "--ws-ping-every", "--ws-lifetime", "--ws-shutdown-notice", "--lose-reply-every",
                "--lose-reply-as", "--drop-streams-every-fills");
    }
}
