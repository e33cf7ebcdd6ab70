package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.spend.SpendQueries;
import dev.llmux.gateway.support.FakeProvider;
import dev.llmux.gateway.support.TestGateway;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every request leaves a spend log, streamed or not, and none is lost in a burst or across a restart. */
class SpendLogTest {

    private static List<HttpResponse<String>> burst(TestGateway gw, String key, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "{\"model\":\"fake/echo\"," + (i % 2 == 0 ? "\"stream\":true," : "")
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"n" + i + "\"}]}";
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void should_log_every_request_of_a_burst_and_cost_streams_like_the_rest() throws Exception {
        TestGateway gw = TestGateway.shared();
        String key = gw.generateKey(Map.of("user_id", "burst-user")).get("key").asString();

        assertThat(burst(gw, key, 100)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        gw.flushSpend();

        List<Map<String, Object>> rows = gw.bean(JdbcTemplate.class).queryForList(
                "SELECT * FROM llmux_spend_log WHERE user_id = 'burst-user'");
        assertThat(rows).hasSize(100);
        assertThat(rows.stream().filter(r -> Boolean.TRUE.equals(r.get("STREAM")))).hasSize(50);
        assertThat(rows).allSatisfy(r -> {
            assertThat((BigDecimal) r.get("SPEND")).isEqualByComparingTo(FakeProvider.COST);
            assertThat(r.get("PROMPT_TOKENS")).isEqualTo(10);
            assertThat(r.get("COMPLETION_TOKENS")).isEqualTo(5);
            assertThat(r.get("CACHED_TOKENS")).isEqualTo(4);
            assertThat(r.get("PROVIDER")).isEqualTo("fake");
            assertThat(r.get("MODEL_GROUP")).isEqualTo("fake/echo");
            assertThat(r.get("STATUS")).isEqualTo(200);
            assertThat(r.get("KEY_HASH")).isNotNull();
        });
        assertThat(gw.bean(JdbcTemplate.class).queryForObject("SELECT spend FROM llmux_key WHERE user_id = 'burst-user'",
                BigDecimal.class)).isEqualByComparingTo(FakeProvider.COST.multiply(BigDecimal.valueOf(100)));
    }

    @Test
    void should_log_failed_requests_with_their_error_type() throws Exception {
        TestGateway gw = TestGateway.shared();
        String key = gw.generateKey(Map.of("user_id", "failing-user")).get("key").asString();
        gw.post("/v1/chat/completions", key, "{\"model\":\"fake/overloaded\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        gw.post("/v1/chat/completions", key, "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_p\":9}");
        gw.flushSpend();

        List<Map<String, Object>> rows = gw.bean(JdbcTemplate.class).queryForList(
                "SELECT status, error_type, spend FROM llmux_spend_log WHERE user_id = 'failing-user' ORDER BY status");
        assertThat(rows).extracting(r -> r.get("STATUS") + " " + r.get("ERROR_TYPE"))
                .containsExactly("400 invalid_request_error", "503 service_unavailable_error");
    }

    @Test
    void should_keep_every_spend_log_across_a_restart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        // a flush interval far longer than the test: only the shutdown flush can write these logs
        Map<String, Object> settings = Map.of("database_url", url, "proxy_batch_write_at", 600);
        String key;
        try (TestGateway first = TestGateway.start(settings)) {
            key = first.generateKey(Map.of("user_id", "restart-user")).get("key").asString();
            assertThat(burst(first, key, 30)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        }
        try (TestGateway second = TestGateway.start(settings)) {
            assertThat(second.bean(SpendQueries.class).count()).isEqualTo(30);
            // the key survived too, with its spend
            assertThat(second.post("/v1/chat/completions", key,
                    "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}").statusCode()).isEqualTo(200);
            second.flushSpend();
            assertThat(second.bean(SpendQueries.class).count()).isEqualTo(31);
            assertThat(Files.list(dir)).isNotEmpty();
        }
    }
}
