package dev.llmux.gateway.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the gateway's part of a LiteLLM-format {@code config.yaml}: {@code general_settings} and the Redis
 * entries of {@code router_settings}. {@code model_list} and the router sections are left to the router's loader.
 */
public final class GatewayConfigFile {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfigFile.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String ENV_PREFIX = "os.environ/";

    private final JsonNode root;
    private final String source;

    private GatewayConfigFile(JsonNode root, String source) {
        this.root = root == null || root.isNull() || root.isMissingNode() ? YAML.createObjectNode() : root;
        this.source = source;
        if (!this.root.isObject()) {
            throw new IllegalArgumentException(source + ": a config.yaml must be a mapping at the top level");
        }
    }

    public static GatewayConfigFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("config file not found: " + path.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new GatewayConfigFile(YAML.readTree(in), path.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
    }

    public static GatewayConfigFile read(InputStream in, String source) {
        try (in) {
            return new GatewayConfigFile(YAML.readTree(in), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    public static GatewayConfigFile parse(String yaml) {
        return new GatewayConfigFile(YAML.readTree(yaml), "inline config");
    }

    /** The whole document, for the router's loader. */
    public JsonNode root() {
        return root;
    }

    public String source() {
        return source;
    }

    /** The gateway settings, with {@code os.environ/VAR} values and {@code DATABASE_URL} etc. read from {@code env}. */
    public GatewaySettings settings(Function<String, String> env) {
        JsonNode g = section("general_settings");
        JsonNode r = section("router_settings");
        GatewaySettings d = GatewaySettings.defaults();

        String masterKey = firstNonNull(string(g, "master_key", env, true), env.apply("LITELLM_MASTER_KEY"),
                env.apply("LLMUX_MASTER_KEY"));

        String dbUrl = firstNonNull(env.apply("DATABASE_URL"), string(g, "database_url", env, false));
        String url = d.databaseUrl();
        String user = d.databaseUser();
        String password = d.databasePassword();
        if (dbUrl != null) {
            JdbcUrls.Jdbc jdbc = JdbcUrls.toJdbc(dbUrl);
            url = jdbc.url();
            user = jdbc.user();
            password = jdbc.password();
        }

        long maxBytes = g.has("max_request_size_mb")
                ? (long) (number(g, "max_request_size_mb").doubleValue() * 1024 * 1024)
                : d.maxRequestBytes();
        int maxMessages = g.has("max_messages_per_request") ? number(g, "max_messages_per_request").intValue() : d.maxMessages();
        boolean allowCreds = g.path("allow_client_side_credentials").asBoolean(false);
        Duration flush = g.has("proxy_batch_write_at")
                ? Duration.ofMillis((long) (number(g, "proxy_batch_write_at").doubleValue() * 1000))
                : d.spendFlushInterval();
        int buffer = g.has("spend_log_buffer_size") ? number(g, "spend_log_buffer_size").intValue() : d.spendBufferSize();
        Duration resetEvery = g.has("budget_reset_check_seconds")
                ? Duration.ofSeconds(number(g, "budget_reset_check_seconds").longValue())
                : d.budgetResetInterval();
        int reserve = g.has("default_reserve_output_tokens")
                ? number(g, "default_reserve_output_tokens").intValue()
                : d.defaultReserveOutputTokens();
        String currency = string(g, "report_currency", env, false);
        BigDecimal rate = g.has("report_currency_rate") ? number(g, "report_currency_rate") : null;

        String redisHost = firstNonNull(string(r, "redis_host", env, false), env.apply("REDIS_HOST"));
        GatewaySettings.RedisSettings redis = null;
        if (redisHost != null) {
            String port = firstNonNull(string(r, "redis_port", env, false), env.apply("REDIS_PORT"), "6379");
            String pw = firstNonNull(string(r, "redis_password", env, true), env.apply("REDIS_PASSWORD"));
            try {
                redis = new GatewaySettings.RedisSettings(redisHost, Integer.parseInt(port), pw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": redis_port must be a number, was \"" + port + "\"");
            }
        }
        return new GatewaySettings(masterKey, url, user, password, maxBytes, maxMessages, allowCreds, flush, buffer,
                resetEvery, reserve, currency, rate, redis);
    }

    private JsonNode section(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return MissingNode.getInstance();
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(source + ": " + name + " must be a mapping");
        }
        return n;
    }

    private @Nullable String string(JsonNode section, String field, Function<String, String> env, boolean secret) {
        JsonNode v = section.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(source + ": " + field + " must be a single value");
        }
        String s = v.asString();
        if (s.startsWith(ENV_PREFIX)) {
            String var = s.substring(ENV_PREFIX.length());
            String value = env.apply(var);
            if (value == null || value.isBlank()) {
                log.warn("{}: {} refers to environment variable {}, which is not set", source, field, var);
                return null;
            }
            return value;
        }
        return s;
    }

    private BigDecimal number(JsonNode section, String field) {
        JsonNode v = section.get(field);
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + field + " must be a number, was \"" + v.asString() + "\"");
        }
    }

    @SafeVarargs
    private static <T> @Nullable T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
