package io.ratchet.live.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Binance cuts a connection whose pings go unanswered. The simulator cannot see pongs (Javalin
 * hides them), so a bare socket server plays the exchange: it pings and reads what comes back.
 */
class JdkPongTest {

    @Test
    void aConnectionAnswersAServerPingWithAPongOfTheSamePayload() throws Exception {
        try (BareWsServer server = new BareWsServer()) {
            var opened = UserStreamConnection.open(HttpClient.newHttpClient(), server.uri(), "pong-test", new UserStreamConnection.Handler() {
                @Override
                public void onEvent(UserStreamConnection from, JsonNode event) {
                }

                @Override
                public void onShutdownNotice(UserStreamConnection from) {
                }

                @Override
                public void onClosed(UserStreamConnection from, String why) {
                }
            });
            server.accept();
            UserStreamConnection c = opened.get(5, TimeUnit.SECONDS);
            server.send(0x9, "1770123456789".getBytes(StandardCharsets.US_ASCII));
            BareWsServer.Frame pong = server.read();
            assertThat(pong.opcode()).as("pong").isEqualTo(0xA);
            assertThat(pong.text()).isEqualTo("1770123456789");
            c.abort();
        }
    }
}
