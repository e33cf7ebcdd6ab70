package dev.llmux.gateway.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.auth.KeyHashing;
import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The store on a real PostgreSQL and limits in a real Redis, with two gateway instances sharing both: a limit
 * holds once across the instances, not once per instance. Needs PostgreSQL on 127.0.0.1:5432 (database {@code test},
 * user postgres, trust auth) and Redis on 127.0.0.1:6379; run with {@code -Pservices}.
 */
@Tag("services")
class PostgresAndRedisTest {

    private static final String SCHEMA = "llmux_gw_" + Long.toHexString(System.nanoTime());
    private static TestGateway a;
    private static TestGateway b;

    @BeforeAll
    static void start() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        // LiteLLM's URL form, converted by the gateway
        Map<String, Object> general = Map.of("database_url", "postgresql://postgres@127.0.0.1:5432/test?currentSchema=" + SCHEMA);
        Map<String, Object> router = Map.of("redis_host", "127.0.0.1", "redis_port", 6379);
        a = TestGateway.start(general, router);
        b = TestGateway.start(general, router);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        }
    }

    private static List<HttpResponse<String>> alternate(String key, int n, String extra) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"model\":\"fake/echo\",\"max_tokens\":10," + extra + "\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}";
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TestGateway gw = i % 2 == 0 ? a : b;
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
    void should_store_keys_hashed_and_spend_in_postgresql() {
        String key = a.generateKey(Map.of("user_id", "pg-user")).get("key").asString();

        assertThat(b.post("/v1/chat/completions", key, "{\"model\":\"fake/echo\",\"messages\":[{\"role\":\"user\",\"content\":\"pg\"}]}")
                .statusCode()).isEqualTo(200);
        b.flushSpend();

        JdbcTemplate db = a.bean(JdbcTemplate.class);
        assertThat(db.queryForObject("SELECT token_hash FROM llmux_key WHERE user_id = 'pg-user'", String.class))
                .isEqualTo(KeyHashing.hash(key));
        assertThat(db.queryForObject("SELECT COUNT(*) FROM llmux_key WHERE token_hash = ? OR key_name = ?", Long.class, key, key))
                .isZero();
        assertThat(db.queryForObject("SELECT spend FROM llmux_spend_log WHERE user_id = 'pg-user'", BigDecimal.class))
                .isEqualByComparingTo("0.00002");
        assertThat(Json.tree(a.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info").get("spend").decimalValue())
                .isEqualByComparingTo("0.00002");
        assertThat(Json.tree(a.get("/health/readiness", null).body()).get("cache").asString()).isEqualTo("redis");
    }

    @Test
    void should_share_router_state_in_redis_when_the_config_names_one() {
        dev.llmux.gateway.config.Routing routing = dev.llmux.gateway.config.RoutingFactory.fromConfig("""
                model_list:
                  - model_name: mock-gpt
                    litellm_params:
                      model: mock/gpt-4o-mini
                      rpm: 1000
                router_settings:
                  redis_host: 127.0.0.1
                  redis_port: 6379
                """, "redis config", java.time.Clock.systemUTC(), k -> null);
        try (routing) {
            assertThat(routing.resources()).singleElement().isInstanceOf(dev.llmux.redis.RedisRouterState.class);
            assertThat(routing.llmux().chat(dev.llmux.api.ChatRequest.builder().model("mock-gpt").addUser("hi").build()).text())
                    .isNotBlank();
        }
    }

    @Test
    void should_hold_one_rpm_limit_across_two_instances() throws Exception {
        String key = a.generateKey(Map.of("rpm_limit", 10)).get("key").asString();

        List<HttpResponse<String>> responses = alternate(key, 30, "");

        assertThat(responses.stream().filter(r -> r.statusCode() == 200)).hasSize(10);
        assertThat(responses.stream().filter(r -> r.statusCode() == 429)).hasSize(20);
    }

    @Test
    void should_hold_one_budget_across_two_instances_under_concurrency() throws Exception {
        String key = a.generateKey(Map.of("max_budget", 0.0001)).get("key").asString();
        a.provider.delay = Duration.ofMillis(300);
        b.provider.delay = Duration.ofMillis(300);
        try {
            List<HttpResponse<String>> responses = alternate(key, 40, "");

            long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
            assertThat(ok).isBetween(1L, 5L);
            a.flushSpend();
            b.flushSpend();
            BigDecimal spend = Json.tree(a.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info").get("spend")
                    .decimalValue();
            assertThat(spend).isLessThanOrEqualTo(new BigDecimal("0.0001"))
                    .isEqualByComparingTo(new BigDecimal("0.00002").multiply(BigDecimal.valueOf(ok)));
        } finally {
            a.provider.delay = Duration.ZERO;
            b.provider.delay = Duration.ZERO;
        }
    }
}
