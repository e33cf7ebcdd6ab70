package dev.llmux.gateway.support;

import dev.llmux.Llmux;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.gateway.GatewayApplication;
import dev.llmux.gateway.config.ModelDirectory;
import dev.llmux.gateway.config.Routing;
import dev.llmux.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A running gateway on a random port, backed by {@link FakeProvider}. {@link #shared()} is started once per test
 * JVM and reused by every test class that does not need a gateway of its own.
 */
public final class TestGateway implements AutoCloseable {

    public static final String MASTER_KEY = "sk-test-master-key";
    /** Prices the directory reserves budget with: 1 µUSD per input token, 2 per output token. */
    public static final ModelPrices PRICES = new ModelPrices(new BigDecimal("0.000001"), new BigDecimal("0.000002"), null, null);

    private static TestGateway shared;

    public final FakeProvider provider = new FakeProvider();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    public final ConfigurableApplicationContext context;
    public final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static synchronized TestGateway shared() {
        if (shared == null) {
            shared = start(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A gateway of its own, with extra {@code general_settings} (and an H2 in-memory store unless one is given). */
    public static TestGateway start(Map<String, Object> generalSettings) {
        return new TestGateway(generalSettings, null);
    }

    public static TestGateway start(Map<String, Object> generalSettings, Routing routing) {
        return new TestGateway(generalSettings, Map.of(), routing);
    }

    /** A gateway with extra {@code general_settings} and {@code router_settings} (Redis, for example). */
    public static TestGateway start(Map<String, Object> generalSettings, Map<String, Object> routerSettings) {
        return new TestGateway(generalSettings, routerSettings, null);
    }

    private TestGateway(Map<String, Object> extra, Routing routing) {
        this(extra, Map.of(), routing);
    }

    private TestGateway(Map<String, Object> extra, Map<String, Object> routerSettings, Routing routing) {
        Map<String, Object> general = new LinkedHashMap<>();
        general.put("master_key", MASTER_KEY);
        general.put("database_url", "jdbc:h2:mem:gw-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        general.put("proxy_batch_write_at", 0.05);
        general.put("max_request_size_mb", 0.05);
        general.put("max_messages_per_request", 20);
        general.put("report_currency", "ZAR");
        general.put("report_currency_rate", 18.5);
        general.put("budget_reset_check_seconds", 3600);
        general.putAll(extra);
        Path config;
        try {
            config = Files.createTempFile("llmux-gateway-test", ".yaml");
            // JSON is YAML: the file is written with the same mapper the assertions use
            Files.writeString(config, Json.writeString(Map.of("general_settings", general, "router_settings", routerSettings)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Routing r = routing != null ? routing : new Routing(Llmux.builder().provider(provider).build(), ModelDirectory.of(models()));
        this.context = run(config, r, clock);
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A gateway routing with llmux's router from a complete {@code config.yaml} (nothing injected but the clock). */
    private TestGateway(String yaml) {
        try {
            Path config = Files.createTempFile("llmux-gateway-test", ".yaml");
            Files.writeString(config, yaml);
            this.context = run(config, null, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static TestGateway startYaml(String yaml) {
        return new TestGateway(yaml);
    }

    private static ConfigurableApplicationContext run(Path config, Routing routing, MutableClock clock) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .initializers(ctx -> {
                    if (routing != null) {
                        ctx.getBeanFactory().registerSingleton("testRouting", routing);
                    }
                    ctx.getBeanFactory().registerSingleton("testClock", clock);
                })
                .run("--server.port=0", "--" + GatewayApplication.CONFIG_PROPERTY + "=" + config, "--logging.level.root=warn");
    }

    private static Map<String, ModelPrices> models() {
        Map<String, ModelPrices> m = new LinkedHashMap<>();
        m.put("fake/echo", PRICES);
        m.put("fake/hang", PRICES);
        m.put("fake/overloaded", PRICES);
        m.put("fake/ratelimited", PRICES);
        m.put("fake/cut", PRICES);
        m.put("fake/embed", PRICES);
        return m;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public HttpResponse<String> post(String path, String key, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60)).GET();
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a virtual key through the admin API; returns the generate response. */
    public JsonNode generateKey(Map<String, Object> fields) {
        HttpResponse<String> r = post("/key/generate", MASTER_KEY, Json.writeString(fields));
        if (r.statusCode() != 200) {
            throw new AssertionError("key/generate failed: " + r.statusCode() + " " + r.body());
        }
        return Json.tree(r.body());
    }

    public JsonNode newTeam(Map<String, Object> fields) {
        HttpResponse<String> r = post("/team/new", MASTER_KEY, Json.writeString(fields));
        if (r.statusCode() != 200) {
            throw new AssertionError("team/new failed: " + r.statusCode() + " " + r.body());
        }
        return Json.tree(r.body());
    }

    /** Writes buffered spend logs now. */
    public void flushSpend() {
        if (!bean(dev.llmux.gateway.spend.SpendWriter.class).flush()) {
            throw new AssertionError("spend logs could not be flushed");
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
