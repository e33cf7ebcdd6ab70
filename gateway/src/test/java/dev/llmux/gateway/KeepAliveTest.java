package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.support.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real clients (OkHttp under the OpenAI SDK, Netty, the JDK client) reuse a connection after an error. A request the
 * gateway refuses must leave the connection clean for the next one, so these tests speak raw HTTP/1.1 on one socket.
 */
class KeepAliveTest {

    private static final String CHAT = "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}";

    private final TestGateway gw = TestGateway.shared();

    private record Answer(int status, Map<String, String> headers, String body) {}

    @Test
    void should_answer_the_next_request_on_the_same_connection_when_a_key_was_refused() throws IOException {
        try (Socket socket = open()) {
            for (int i = 0; i < 20; i++) {
                send(socket, "/v1/chat/completions", "sk-wrong", CHAT);
                Answer refused = read(socket.getInputStream());
                assertThat(refused.status()).as(refused.body()).isEqualTo(401);
                assertThat(refused.headers().get("connection")).as("kept alive").isNotEqualToIgnoringCase("close");

                send(socket, "/key/generate", "sk-wrong", "{\"models\":[\"fake/echo\"]}");
                assertThat(read(socket.getInputStream()).status()).isEqualTo(401);

                send(socket, "/v1/chat/completions", TestGateway.MASTER_KEY, CHAT);
                Answer ok = read(socket.getInputStream());
                assertThat(ok.status()).as(ok.body()).isEqualTo(200);
                assertThat(ok.body()).contains("echo: again");
            }
        }
    }

    @Test
    void should_keep_the_connection_when_a_body_over_the_limit_is_refused() throws IOException {
        String big = "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(60 * 1024) + "\"}]}";
        try (Socket socket = open()) {
            send(socket, "/v1/chat/completions", TestGateway.MASTER_KEY, big);
            Answer refused = read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers().get("x-llmux-request-id")).as("attributed to the key").startsWith("req-");
            assertThat(refused.headers().get("connection")).as("kept alive").isNotEqualToIgnoringCase("close");

            send(socket, "/v1/chat/completions", TestGateway.MASTER_KEY, CHAT);
            assertThat(read(socket.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void should_close_the_connection_when_a_declared_body_is_too_large_to_swallow() throws IOException {
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestGateway.MASTER_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer refused = read(socket.getInputStream());
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(refused.body()).contains("larger than the gateway's limit");
        }
    }

    @Test
    void should_refuse_a_bad_key_before_a_body_over_the_limit() throws IOException {
        String big = "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(60 * 1024) + "\"}]}";
        try (Socket socket = open()) {
            send(socket, "/v1/chat/completions", "sk-wrong", big);
            assertThat(read(socket.getInputStream()).status()).isEqualTo(401);
        }
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", gw.port);
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void send(Socket socket, String path, String key, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    /** One response with a {@code content-length} or chunked body. */
    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        }
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response after: " + sb);
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
