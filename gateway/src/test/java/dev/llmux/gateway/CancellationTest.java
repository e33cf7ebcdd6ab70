package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.support.TestGateway;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A client that goes away cancels the provider call; the request still gets its spend log. */
class CancellationTest {

    private final TestGateway gw = TestGateway.shared();

    /** Sends a raw HTTP request, waits for {@code firstBytes} of the answer (0: just wait a moment), then hangs up. */
    private void hangUp(String body, int firstBytes) throws Exception {
        try (Socket s = new Socket("localhost", gw.port)) {
            s.setSoTimeout(10_000);
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestGateway.MASTER_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            InputStream in = s.getInputStream();
            if (firstBytes > 0) {
                int read = 0;
                byte[] buf = new byte[4096];
                while (read < firstBytes) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
            } else {
                Thread.sleep(500);
            }
        }
    }

    private void awaitCancelled(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gw.provider.cancelled.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(gw.provider.cancelled.get()).isGreaterThanOrEqualTo(expected);
    }

    @Test
    void should_cancel_the_provider_stream_when_the_client_disconnects() throws Exception {
        int before = gw.provider.cancelled.get();

        hangUp("{\"model\":\"fake/hang\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 50);

        awaitCancelled(before + 1);
    }

    @Test
    void should_cancel_the_provider_call_when_the_client_disconnects_before_the_answer() throws Exception {
        int before = gw.provider.cancelled.get();

        hangUp("{\"model\":\"fake/hang\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 0);

        awaitCancelled(before + 1);
        gw.flushSpend();
        List<Map<String, Object>> rows = gw.bean(JdbcTemplate.class)
                .queryForList("SELECT status, error_type FROM llmux_spend_log WHERE model_group = 'fake/hang' AND stream = FALSE");
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("STATUS")).isEqualTo(499);
            assertThat(r.get("ERROR_TYPE")).isEqualTo("client_closed_request");
        });
    }
}
