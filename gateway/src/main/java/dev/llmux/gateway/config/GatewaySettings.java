package dev.llmux.gateway.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's own settings, read from {@code general_settings} (and {@code router_settings} for Redis) of a
 * LiteLLM-format {@code config.yaml}; routes are the router's business.
 *
 * @param masterKey the admin key ({@code general_settings.master_key}); null runs the gateway without auth
 * @param databaseUrl JDBC URL of the store (already converted from a {@code postgresql://} URL)
 * @param databaseUser user for the store, or null when the URL carries none
 * @param databasePassword password for the store, or null
 * @param maxRequestBytes bodies larger than this are refused with 413 ({@code max_request_size_mb})
 * @param maxMessages chat requests with more messages are refused with 400 ({@code max_messages_per_request})
 * @param allowClientSideCredentials forward a client's {@code api_key}/{@code api_base}/{@code base_url}
 *     ({@code allow_client_side_credentials}); false refuses such requests
 * @param spendFlushInterval how often buffered spend logs are written ({@code proxy_batch_write_at}, seconds)
 * @param spendBufferSize how many spend logs may wait for the database before new ones are dropped
 * @param budgetResetInterval how often budgets due for a reset are looked for
 * @param defaultReserveOutputTokens output tokens reserved against budgets and TPM limits when a request sets
 *     no {@code max_tokens}
 * @param reportCurrency a second currency shown in spend reports (e.g. {@code ZAR}), or null
 * @param reportCurrencyRate units of {@link #reportCurrency} per USD, or null
 * @param redis where shared limit state lives, or null for in-memory state
 */
public record GatewaySettings(
        @Nullable String masterKey,
        String databaseUrl,
        @Nullable String databaseUser,
        @Nullable String databasePassword,
        long maxRequestBytes,
        int maxMessages,
        boolean allowClientSideCredentials,
        Duration spendFlushInterval,
        int spendBufferSize,
        Duration budgetResetInterval,
        int defaultReserveOutputTokens,
        @Nullable String reportCurrency,
        @Nullable BigDecimal reportCurrencyRate,
        @Nullable RedisSettings redis) {

    public GatewaySettings {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        if (masterKey != null && !masterKey.startsWith("sk-")) {
            throw new IllegalArgumentException("general_settings.master_key must start with \"sk-\"");
        }
        positive("max_request_size", maxRequestBytes);
        positive("max_messages_per_request", maxMessages);
        positive("spend_log_buffer_size", spendBufferSize);
        positive("default_reserve_output_tokens", defaultReserveOutputTokens);
        if (spendFlushInterval.isNegative() || spendFlushInterval.isZero()) {
            throw new IllegalArgumentException("proxy_batch_write_at must be positive, was " + spendFlushInterval);
        }
        if ((reportCurrency == null) != (reportCurrencyRate == null)) {
            throw new IllegalArgumentException("report_currency and report_currency_rate go together, got "
                    + reportCurrency + " and " + reportCurrencyRate);
        }
        if (reportCurrencyRate != null && reportCurrencyRate.signum() <= 0) {
            throw new IllegalArgumentException("report_currency_rate must be positive, was " + reportCurrencyRate);
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** Defaults for everything: H2 file store under {@code ./data}, no master key. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(null, "jdbc:h2:file:./data/llmux;AUTO_SERVER=FALSE;CACHE_SIZE=4096", "sa", "", 10L * 1024 * 1024, 2048,
                false, Duration.ofSeconds(2), 10_000, Duration.ofSeconds(30), 1024, null, null, null);
    }

    public GatewaySettings withMasterKey(@Nullable String key) {
        return new GatewaySettings(key, databaseUrl, databaseUser, databasePassword, maxRequestBytes, maxMessages,
                allowClientSideCredentials, spendFlushInterval, spendBufferSize, budgetResetInterval,
                defaultReserveOutputTokens, reportCurrency, reportCurrencyRate, redis);
    }

    /** Redis connection settings ({@code router_settings.redis_host}/{@code redis_port}/{@code redis_password}). */
    public record RedisSettings(String host, int port, @Nullable String password) {
        public RedisSettings {
            Objects.requireNonNull(host, "redis_host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("redis_port must be 1-65535, was " + port);
            }
        }

        @Override
        public String toString() {
            return "RedisSettings[" + host + ":" + port + (password == null ? "" : ", password=***") + "]";
        }
    }

    @Override
    public String toString() {
        return "GatewaySettings[masterKey=" + (masterKey == null ? "none" : "***") + ", databaseUrl="
                + JdbcUrls.redact(databaseUrl) + ", maxRequestBytes=" + maxRequestBytes + ", maxMessages=" + maxMessages
                + ", redis=" + redis + "]";
    }
}
