package io.ratchet.live.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A connection that stays open but answers nothing, not even our pings, is given up. */
class SilentConnectionTest {

    @Test
    void aSubscribedConnectionThatGoesSilentIsReportedLost() throws Exception {
        BinanceUserStreamTest.Recorder events = new BinanceUserStreamTest.Recorder();
        try (BareWsServer server = new BareWsServer();
             BinanceUserStream stream = new BinanceUserStream(server.uri(), "key-1", "secret-1", Clock.systemUTC(),
                     new BinanceUserStream.Settings(Duration.ofHours(24), Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
                             Duration.ofSeconds(5), Duration.ofMillis(800)))) {
            stream.start(events);
            server.accept();
            JsonNode subscribe = new ObjectMapper().readTree(server.read().text());
            assertThat(subscribe.get("method").asText()).isEqualTo("userDataStream.subscribe.signature");
            // signed over the other parameters sorted by name, as a query string
            JsonNode p = subscribe.get("params");
            assertThat(p.get("apiKey").asText()).isEqualTo("key-1");
            assertThat(p.get("signature").asText()).isEqualTo(io.ratchet.data.rest.BinanceSignature.hmac("secret-1",
                    "apiKey=key-1&recvWindow=" + p.get("recvWindow").asLong() + "&timestamp=" + p.get("timestamp").asLong()));
            server.sendText("{\"id\":\"" + subscribe.get("id").asText() + "\",\"status\":200,\"result\":{\"subscriptionId\":0}}");
            BinanceUserStreamTest.await(() -> events.connected() == 1, 5_000);
            // from now on the server reads the client's pings and answers none
            BareWsServer.Frame ping = server.read();
            assertThat(ping.opcode()).as("the client pings a quiet connection").isEqualTo(0x9);
            BinanceUserStreamTest.await(() -> !events.lost.isEmpty(), 5_000);
            assertThat(events.lost.get(0)).matches("connection silent for \\d+ ms");
            assertThat(events.log).containsExactly("connected", "lost");
        }
    }
}
