package io.ratchet.live.exchange;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A WebSocket server on a bare socket, one connection, frames by hand: for what the simulator
 * cannot do (see a pong, ignore a ping).
 */
final class BareWsServer implements AutoCloseable {
    /** One frame from the client, unmasked. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;

    BareWsServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout(5_000);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws-api/v3");
    }

    /** Accepts the client and completes RFC 6455's opening handshake. */
    void accept() throws Exception {
        socket = server.accept();
        socket.setSoTimeout(5_000);
        InputStream raw = socket.getInputStream();
        out = socket.getOutputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = raw.read();
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
        in = new DataInputStream(raw);
    }

    /** A server frame, unmasked, FIN set; payloads under 126 bytes. */
    void send(int opcode, byte[] payload) throws IOException {
        out.write(0x80 | opcode);
        out.write(payload.length);
        out.write(payload);
        out.flush();
    }

    void sendText(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        if (b.length < 126) {
            out.write(b.length);
        } else {
            out.write(126);
            out.write(b.length >> 8);
            out.write(b.length & 0xFF);
        }
        out.write(b);
        out.flush();
    }

    /** The next frame from the client (client frames are masked; payloads under 64 KiB). */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        if ((second & 0x80) == 0) {
            throw new AssertionError("a client frame must be masked");
        }
        int len = second & 0x7F;
        if (len == 126) {
            len = in.readUnsignedShort();
        }
        byte[] mask = in.readNBytes(4);
        byte[] body = in.readNBytes(len);
        for (int i = 0; i < len; i++) {
            body[i] ^= mask[i % 4];
        }
        return new Frame(first & 0x0F, body);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
