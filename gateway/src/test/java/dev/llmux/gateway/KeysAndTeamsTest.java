package dev.llmux.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.gateway.auth.KeyHashing;
import dev.llmux.gateway.keys.BudgetResetter;
import dev.llmux.gateway.support.TestGateway;
import dev.llmux.internal.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Virtual keys and teams through the LiteLLM-compatible admin API, and how the data plane enforces them. */
class KeysAndTeamsTest {

    private final TestGateway gw = TestGateway.shared();
    private final JdbcTemplate db = gw.bean(JdbcTemplate.class);

    private HttpResponse<String> chat(String key, String model) {
        return gw.post("/v1/chat/completions", key,
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    @Test
    void should_store_only_the_hash_of_a_key() {
        JsonNode created = gw.generateKey(Map.of("key_alias", "hash-check", "user_id", "u-1", "metadata", Map.of("env", "test")));
        String key = created.get("key").asString();

        assertThat(key).startsWith("sk-").hasSize(35);
        assertThat(created.get("token").asString()).isEqualTo(KeyHashing.hash(key));
        assertThat(created.get("key_name").asString()).isEqualTo("sk-..." + key.substring(31));
        List<Map<String, Object>> rows = db.queryForList("SELECT * FROM llmux_key WHERE key_alias = 'hash-check'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values().toString()).doesNotContain(key);
        assertThat(rows.get(0).get("TOKEN_HASH")).isEqualTo(KeyHashing.hash(key));
        // and the key works
        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(200);
        // key/info never shows the key again
        HttpResponse<String> info = gw.get("/key/info?key=" + key, TestGateway.MASTER_KEY);
        assertThat(info.body()).doesNotContain(key).contains("\"user_id\":\"u-1\"").contains("\"env\":\"test\"");
    }

    @Test
    void should_refuse_a_blocked_key_and_accept_it_again_when_unblocked() {
        String key = gw.generateKey(Map.of()).get("key").asString();
        assertThat(gw.post("/key/update", TestGateway.MASTER_KEY, Json.writeString(Map.of("key", key, "blocked", true))).statusCode())
                .isEqualTo(200);

        HttpResponse<String> refused = chat(key, "fake/echo");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("is blocked");

        gw.post("/key/update", TestGateway.MASTER_KEY, Json.writeString(Map.of("key", key, "blocked", false)));
        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(200);
    }

    @Test
    void should_refuse_an_expired_key() {
        String key = gw.generateKey(Map.of("duration", "1h")).get("key").asString();
        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(200);

        gw.clock.advance(Duration.ofHours(2));
        try {
            HttpResponse<String> r = chat(key, "fake/echo");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("expired");
        } finally {
            gw.clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void should_delete_a_key() {
        String key = gw.generateKey(Map.of()).get("key").asString();
        HttpResponse<String> r = gw.post("/key/delete", TestGateway.MASTER_KEY, Json.writeString(Map.of("keys", List.of(key))));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(401);
    }

    @Test
    void should_resolve_a_key_alias_and_enforce_the_allow_list() {
        String key = gw.generateKey(Map.of("models", List.of("house-model"), "aliases", Map.of("house-model", "fake/echo")))
                .get("key").asString();

        HttpResponse<String> ok = chat(key, "house-model");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.tree(ok.body()).get("choices").get(0).get("message").get("content").asString()).isEqualTo("echo: hi");

        HttpResponse<String> denied = chat(key, "fake/overloaded");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(Json.tree(denied.body()).get("error").get("type").asString()).isEqualTo("permission_error");
    }

    @Test
    void should_refuse_admin_endpoints_to_non_admin_keys_and_allow_admin_keys() {
        String plain = gw.generateKey(Map.of()).get("key").asString();
        String admin = gw.generateKey(Map.of("admin", true)).get("key").asString();

        for (String path : List.of("/key/generate", "/key/update", "/key/delete", "/team/new", "/team/update")) {
            assertThat(gw.post(path, plain, "{}").statusCode()).as(path).isEqualTo(403);
            assertThat(gw.post(path, null, "{}").statusCode()).as(path).isEqualTo(401);
        }
        for (String path : List.of("/key/info?key=x", "/team/info?team_id=x", "/spend/logs", "/global/spend")) {
            assertThat(gw.get(path, plain).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(gw.post("/key/generate", admin, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void should_validate_admin_input() {
        HttpResponse<String> wrongType = gw.post("/key/generate", TestGateway.MASTER_KEY, "{\"max_budget\":\"lots\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\\\"max_budget\\\" must be a number");

        HttpResponse<String> unknown = gw.post("/key/generate", TestGateway.MASTER_KEY, "{\"model_max_budget\":{}}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unsupported field(s) [model_max_budget]");

        HttpResponse<String> badDuration = gw.post("/key/generate", TestGateway.MASTER_KEY, "{\"budget_duration\":\"monthly\"}");
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertThat(badDuration.body()).contains("budget_duration must look like 30s");

        HttpResponse<String> negative = gw.post("/key/generate", TestGateway.MASTER_KEY, "{\"rpm_limit\":0}");
        assertThat(negative.statusCode()).isEqualTo(400);

        HttpResponse<String> noTeam = gw.post("/key/generate", TestGateway.MASTER_KEY, "{\"team_id\":\"ghosts\"}");
        assertThat(noTeam.statusCode()).isEqualTo(400);
        assertThat(noTeam.body()).contains("team_id \\\"ghosts\\\" does not exist");

        assertThat(gw.get("/key/info?key=sk-nope-nope-nope", TestGateway.MASTER_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void should_apply_team_models_and_blocking_to_its_keys() {
        gw.newTeam(Map.of("team_id", "team-a", "team_alias", "Team A", "models", List.of("fake/echo")));
        String key = gw.generateKey(Map.of("team_id", "team-a")).get("key").asString();

        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(200);
        assertThat(chat(key, "fake/overloaded").statusCode()).isEqualTo(403);

        gw.post("/team/update", TestGateway.MASTER_KEY, "{\"team_id\":\"team-a\",\"blocked\":true}");
        assertThat(chat(key, "fake/echo").statusCode()).isEqualTo(401);

        JsonNode info = Json.tree(gw.get("/team/info?team_id=team-a", TestGateway.MASTER_KEY).body());
        assertThat(info.get("team_info").get("blocked").asBoolean()).isTrue();
        assertThat(info.get("keys")).hasSize(1);
    }

    @Test
    void should_reset_a_budget_when_its_period_ends() {
        String key = gw.generateKey(Map.of("max_budget", 0.00003, "budget_duration", "1d")).get("key").asString();
        String body = "{\"model\":\"fake/echo\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"1\"}]}";
        assertThat(gw.post("/v1/chat/completions", key, body).statusCode()).isEqualTo(200);
        assertThat(gw.post("/v1/chat/completions", key, body).statusCode()).isEqualTo(429);
        gw.flushSpend();
        assertThat(Json.tree(gw.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info").get("spend").decimalValue())
                .isEqualByComparingTo("0.00002");

        gw.clock.advance(Duration.ofDays(1).plusSeconds(1));
        try {
            assertThat(gw.bean(BudgetResetter.class).resetDue()).contains("key:" + KeyHashing.hash(key));
            assertThat(gw.post("/v1/chat/completions", key, body).statusCode()).isEqualTo(200);
            JsonNode info = Json.tree(gw.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info");
            assertThat(info.get("budget_reset_at").asString()).isEqualTo(gw.clock.instant().plus(Duration.ofDays(1)).toString());
        } finally {
            gw.clock.advance(Duration.ofDays(-1).minusSeconds(1));
        }
    }

    @Test
    void should_show_spend_in_a_second_currency() {
        String key = gw.generateKey(Map.of("max_budget", 10)).get("key").asString();
        chat(key, "fake/echo");
        gw.flushSpend();

        JsonNode info = Json.tree(gw.get("/key/info?key=" + key, TestGateway.MASTER_KEY).body()).get("info");
        assertThat(info.get("spend").decimalValue()).isEqualByComparingTo("0.00002");
        assertThat(info.get("spend_zar").decimalValue()).isEqualByComparingTo("0.00037");
        assertThat(info.get("max_budget_zar").decimalValue()).isEqualByComparingTo("185");

        JsonNode global = Json.tree(gw.get("/global/spend", TestGateway.MASTER_KEY).body());
        assertThat(global.get("report_currency").asString()).isEqualTo("ZAR");
        assertThat(global.get("spend_zar").decimalValue())
                .isEqualByComparingTo(global.get("spend").decimalValue().multiply(new java.math.BigDecimal("18.5")));

        JsonNode logs = Json.tree(gw.get("/spend/logs?api_key=" + key, TestGateway.MASTER_KEY).body());
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).get("spend_zar").decimalValue()).isEqualByComparingTo("0.00037");
    }
}
