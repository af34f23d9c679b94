package io.ratchet.live.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Binance cuts a connection whose pings go unanswered. The simulator cannot see pongs (Javalin
 * hides them), so a bare socket server plays the exchange: it pings and reads what comes back.
 */
class JdkPongTest {

    @Test
    void aConnectionAnswersAServerPingWithAPongOfTheSamePayload() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws-api/v3");
            var opened = UserStreamConnection.open(HttpClient.newHttpClient(), uri, "pong-test", new UserStreamConnection.Handler() {
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
            server.setSoTimeout(5_000);
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                handshake(in, out);
                UserStreamConnection c = opened.get(5, TimeUnit.SECONDS);
                byte[] payload = "1770123456789".getBytes(StandardCharsets.US_ASCII);
                out.write(0x89); // FIN + ping
                out.write(payload.length);
                out.write(payload);
                out.flush();
                DataInputStream frames = new DataInputStream(in);
                int first = frames.readUnsignedByte();
                int second = frames.readUnsignedByte();
                assertThat(first).as("FIN + pong").isEqualTo(0x8A);
                assertThat(second & 0x80).as("a client frame is masked").isEqualTo(0x80);
                int len = second & 0x7F;
                byte[] mask = frames.readNBytes(4);
                byte[] body = frames.readNBytes(len);
                for (int i = 0; i < len; i++) {
                    body[i] ^= mask[i % 4];
                }
                assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("1770123456789");
                c.abort();
            }
        }
    }

    /** The server side of RFC 6455's opening handshake. */
    private static void handshake(InputStream in, OutputStream out) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the client hung up during the handshake");
            }
            head.append((char) b);
        }
        String key = head.toString().lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
