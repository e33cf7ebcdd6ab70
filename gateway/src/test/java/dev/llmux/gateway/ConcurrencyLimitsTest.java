package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Budgets and limits hold when many requests of one key arrive at once. */
class ConcurrencyLimitsTest {

    private final TestGateway gw = TestGateway.shared();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void no_more_delay() {
        gw.provider.delay = Duration.ZERO;
    }

    private List<HttpResponse<String>> burst(String key, int n) throws Exception {
        String body = "{\"model\":\"fake/echo\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}";
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(http.sendAsync(HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void should_not_overspend_a_small_budget_under_50_concurrent_requests() throws Exception {
        // each request reserves 0.000028 (8 prompt tokens estimated, 10 max tokens) and costs 0.00002
        String key = gw.generateKey(Map.of("max_budget", 0.0001)).get("key").asString();
        gw.provider.delay = Duration.ofMillis(300);

        List<HttpResponse<String>> responses = burst(key, 50);

        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertThat(ok + refused).isEqualTo(50);
        assertThat(ok).isBetween(1L, 5L);
        assertThat(responses.stream().filter(r -> r.statusCode() == 429))
                .allSatisfy(r -> assertThat(Json.tree(r.body()).get("error").get("type").asString()).isEqualTo("budget_exceeded"));
        gw.flushSpend();
        BigDecimal spend = Json.tree(gw.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info").get("spend")
                .decimalValue();
        assertThat(spend).isEqualByComparingTo(new BigDecimal("0.00002").multiply(BigDecimal.valueOf(ok)));
        assertThat(spend).isLessThanOrEqualTo(new BigDecimal("0.0001"));
    }

    @Test
    void should_hold_max_parallel_requests() throws Exception {
        String key = gw.generateKey(Map.of("max_parallel_requests", 2)).get("key").asString();
        gw.provider.delay = Duration.ofMillis(400);

        List<HttpResponse<String>> responses = burst(key, 10);

        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(ok).isBetween(2L, 9L);
        assertThat(responses.stream().filter(r -> r.statusCode() == 429)).isNotEmpty().allSatisfy(r ->
                assertThat(Json.tree(r.body()).get("error").get("code").asString()).isEqualTo("max_parallel_requests_exceeded"));
        // the slots come back: a later request passes
        gw.provider.delay = Duration.ZERO;
        assertThat(burst(key, 1).get(0).statusCode()).isEqualTo(200);
    }

    @Test
    void should_hold_an_rpm_limit_under_concurrency() throws Exception {
        String key = gw.generateKey(Map.of("rpm_limit", 7)).get("key").asString();

        List<HttpResponse<String>> responses = burst(key, 20);

        assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(7);
        assertThat(responses.stream().filter(r -> r.statusCode() == 429)).hasSize(13);
    }

    @Test
    void should_hold_a_tpm_limit_reconciled_with_real_usage() throws Exception {
        // each request reserves 18 tokens (8 estimated + 10 max) and really uses 15
        String key = gw.generateKey(Map.of("tpm_limit", 40)).get("key").asString();

        assertThat(burst(key, 1).get(0).statusCode()).isEqualTo(200);
        assertThat(burst(key, 1).get(0).statusCode()).isEqualTo(200);
        HttpResponse<String> third = burst(key, 1).get(0);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.body()).contains("tpm limit of 40");
    }

    @Test
    void should_hold_a_team_budget_across_its_keys() throws Exception {
        gw.newTeam(Map.of("team_id", "team-budget", "max_budget", 0.00006));
        String k1 = gw.generateKey(Map.of("team_id", "team-budget")).get("key").asString();
        String k2 = gw.generateKey(Map.of("team_id", "team-budget")).get("key").asString();
        gw.provider.delay = Duration.ofMillis(200);

        List<HttpResponse<String>> a = new ArrayList<>();
        CompletableFuture<List<HttpResponse<String>>> f1 = CompletableFuture.supplyAsync(() -> unchecked(() -> burst(k1, 10)));
        CompletableFuture<List<HttpResponse<String>>> f2 = CompletableFuture.supplyAsync(() -> unchecked(() -> burst(k2, 10)));
        a.addAll(f1.get(30, TimeUnit.SECONDS));
        a.addAll(f2.get(30, TimeUnit.SECONDS));

        long ok = a.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(ok).isBetween(1L, 3L);
        assertThat(a.stream().filter(r -> r.statusCode() == 429)).isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("team team-budget"));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T unchecked(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
