package dev.llmux.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayConfigFileTest {

    @Test
    void should_read_general_settings_with_env_references() {
        GatewayConfigFile f = GatewayConfigFile.parse("""
                general_settings:
                  master_key: os.environ/MY_MASTER
                  database_url: os.environ/MY_DB
                  max_request_size_mb: 2
                  max_messages_per_request: 50
                  allow_client_side_credentials: true
                  proxy_batch_write_at: 0.5
                  report_currency: ZAR
                  report_currency_rate: 18.25
                router_settings:
                  redis_host: redis.internal
                  redis_port: 6380
                  redis_password: os.environ/REDIS_PW
                """);

        GatewaySettings s = f.settings(Map.of("MY_MASTER", "sk-master", "MY_DB", "postgresql://app:p%40ss@db.internal:5433/llmux?sslmode=require",
                "REDIS_PW", "secret")::get);

        assertThat(s.masterKey()).isEqualTo("sk-master");
        assertThat(s.databaseUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/llmux?sslmode=require");
        assertThat(s.databaseUser()).isEqualTo("app");
        assertThat(s.databasePassword()).isEqualTo("p@ss");
        assertThat(s.maxRequestBytes()).isEqualTo(2L * 1024 * 1024);
        assertThat(s.maxMessages()).isEqualTo(50);
        assertThat(s.allowClientSideCredentials()).isTrue();
        assertThat(s.spendFlushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.reportCurrency()).isEqualTo("ZAR");
        assertThat(s.reportCurrencyRate()).isEqualByComparingTo(new BigDecimal("18.25"));
        assertThat(s.redis()).isEqualTo(new GatewaySettings.RedisSettings("redis.internal", 6380, "secret"));
        assertThat(s.toString()).doesNotContain("sk-master").doesNotContain("secret").doesNotContain("p@ss");
    }

    @Test
    void should_prefer_the_database_url_environment_variable_and_default_to_h2() {
        GatewayConfigFile f = GatewayConfigFile.parse("general_settings:\n  database_url: postgresql://x@h/db\n");

        assertThat(f.settings(Map.of("DATABASE_URL", "postgresql://u@pg:5432/prod")::get).databaseUrl())
                .isEqualTo("jdbc:postgresql://pg:5432/prod");
        assertThat(GatewayConfigFile.parse("model_list: []\n").settings(k -> null).databaseUrl()).startsWith("jdbc:h2:file:./data/");
    }

    @Test
    void should_take_the_master_key_from_litellms_variable() {
        assertThat(GatewayConfigFile.parse("{}").settings(Map.of("LITELLM_MASTER_KEY", "sk-env")::get).masterKey()).isEqualTo("sk-env");
    }

    @Test
    void should_refuse_bad_values_naming_them() {
        assertThatThrownBy(() -> GatewayConfigFile.parse("general_settings:\n  master_key: plain\n").settings(k -> null))
                .hasMessageContaining("master_key must start with \"sk-\"");
        assertThatThrownBy(() -> GatewayConfigFile.parse("general_settings:\n  max_messages_per_request: lots\n").settings(k -> null))
                .hasMessageContaining("max_messages_per_request must be a number, was \"lots\"");
        assertThatThrownBy(() -> GatewayConfigFile.parse("general_settings:\n  report_currency: ZAR\n").settings(k -> null))
                .hasMessageContaining("report_currency and report_currency_rate go together");
        assertThatThrownBy(() -> GatewayConfigFile.parse("general_settings:\n  database_url: mysql://x/y\n").settings(k -> null))
                .hasMessageContaining("database_url must be postgresql://");
    }
}
