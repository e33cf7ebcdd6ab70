package dev.llmux.gateway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.llmux.gateway.admin.AdminHandler;
import dev.llmux.gateway.anthropic.MessagesHandler;
import dev.llmux.gateway.auth.Authenticator;
import dev.llmux.gateway.config.GatewayConfigFile;
import dev.llmux.gateway.config.GatewaySettings;
import dev.llmux.gateway.config.Routing;
import dev.llmux.gateway.config.RoutingFactory;
import dev.llmux.gateway.http.CallService;
import dev.llmux.gateway.http.ChatHandler;
import dev.llmux.gateway.http.EmbeddingsHandler;
import dev.llmux.gateway.http.HealthHandler;
import dev.llmux.gateway.http.Intake;
import dev.llmux.gateway.http.ModelsHandler;
import dev.llmux.gateway.http.Routes;
import dev.llmux.gateway.keys.BudgetResetter;
import dev.llmux.gateway.limit.InMemoryLimitState;
import dev.llmux.gateway.limit.LimitState;
import dev.llmux.gateway.limit.RedisLimitState;
import dev.llmux.gateway.limit.RequestGuard;
import dev.llmux.gateway.metrics.GatewayMetrics;
import dev.llmux.gateway.spend.JdbcSpendStore;
import dev.llmux.gateway.spend.SpendQueries;
import dev.llmux.gateway.spend.SpendWriter;
import dev.llmux.gateway.store.KeyStore;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.TransportSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the gateway from its {@code config.yaml}. Every bean is a plain object; this class only connects them. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /** Connections in the pool, and threads allowed to block on them. */
    private static final int DB_POOL = 10;

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Event loops of the gateway's own, not Reactor Netty's global ones: closing this application must not stop
     * the loops of anything else in the JVM (other embedded gateways, the caller's own HTTP clients).
     */
    @Bean
    org.springframework.http.client.ReactorResourceFactory reactorResourceFactory() {
        org.springframework.http.client.ReactorResourceFactory f = new org.springframework.http.client.ReactorResourceFactory();
        f.setUseGlobalResources(false);
        return f;
    }

    /** The config text, read once: the router's loader and the gateway's settings both parse it. */
    @Bean
    ConfigText configText(Environment env) {
        String path = env.getProperty(GatewayApplication.CONFIG_PROPERTY);
        try {
            if (path == null || path.isBlank()) {
                try (java.io.InputStream in = GatewayConfiguration.class.getResourceAsStream("/llmux/default-config.yaml")) {
                    return new ConfigText(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                            "bundled default config.yaml");
                }
            }
            java.nio.file.Path p = java.nio.file.Path.of(path);
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new IllegalArgumentException("config file not found: " + p.toAbsolutePath());
            }
            return new ConfigText(java.nio.file.Files.readString(p), path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the config: " + e.getMessage(), e);
        }
    }

    /** The text of {@code config.yaml} and where it came from. */
    record ConfigText(String yaml, String source) {}

    @Bean
    GatewayConfigFile gatewayConfigFile(ConfigText text) {
        return GatewayConfigFile.read(new java.io.ByteArrayInputStream(text.yaml().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                text.source());
    }

    /**
     * Routes from {@code model_list} through llmux's router (tests may register their own). Provider calls run on
     * the server's own event loops: the upstream call starts on the thread that received the request, with no hop
     * to a second set of I/O threads (two hops per request, and twice the threads competing for the cores).
     */
    @Bean
    @ConditionalOnMissingBean
    Routing routing(ConfigText text, Clock clock, ObjectProvider<ReactorResourceFactory> loops) {
        ReactorResourceFactory factory = loops.getIfAvailable();
        HttpTransport transport = factory == null ? null
                : HttpTransport.reactorNetty(TransportSettings.defaults(), factory.getLoopResources());
        return RoutingFactory.fromConfig(text.yaml(), text.source(), clock, System::getenv, transport);
    }

    @Bean
    GatewaySettings gatewaySettings(GatewayConfigFile file) {
        return file.settings(System::getenv);
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(GatewaySettings s) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(s.databaseUrl());
        if (s.databaseUser() != null) {
            c.setUsername(s.databaseUser());
        }
        if (s.databasePassword() != null) {
            c.setPassword(s.databasePassword());
        }
        c.setMaximumPoolSize(DB_POOL);
        c.setPoolName("llmux-db");
        c.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
        // let the gateway start (and serve traffic with cached keys) even if the database is briefly away
        c.setInitializationFailTimeout(-1);
        return new HikariDataSource(c);
    }

    @Bean
    JdbcTemplate jdbcTemplate(DataSource ds) {
        return new JdbcTemplate(ds);
    }

    @Bean
    TransactionTemplate transactionTemplate(DataSource ds) {
        return new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    /** Blocking JDBC runs here, never on an event loop; sized to the pool so threads do not queue on connections. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService jdbcExecutor() {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(DB_POOL, DB_POOL, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
                r -> {
                    Thread t = new Thread(r, "llmux-jdbc");
                    t.setDaemon(true);
                    return t;
                });
        ex.allowCoreThreadTimeOut(true);
        return ex;
    }

    @Bean(destroyMethod = "dispose")
    Scheduler jdbcScheduler(ExecutorService jdbcExecutor) {
        return Schedulers.fromExecutorService(jdbcExecutor, "llmux-jdbc");
    }

    @Bean
    KeyStore keyStore(JdbcTemplate jdbc) {
        return new KeyStore(jdbc);
    }

    @Bean
    Authenticator authenticator(GatewaySettings s, KeyStore store, ExecutorService jdbcExecutor, Clock clock) {
        return new Authenticator(s.masterKey(), store, jdbcExecutor, clock, Duration.ofSeconds(5));
    }

    @Bean(destroyMethod = "close")
    LimitState limitState(GatewaySettings s) {
        return s.redis() == null ? new InMemoryLimitState() : RedisLimitState.connect(s.redis());
    }

    @Bean
    RequestGuard requestGuard(LimitState state, Clock clock, GatewaySettings s) {
        return new RequestGuard(state, clock, s.defaultReserveOutputTokens());
    }

    @Bean(destroyMethod = "close")
    SpendWriter spendWriter(JdbcTemplate jdbc, TransactionTemplate tx, GatewaySettings s, MeterRegistry meters,
            org.flywaydb.core.Flyway flyway) {
        // depends on Flyway so the tables exist before the first flush
        return new SpendWriter(new JdbcSpendStore(jdbc, tx), s.spendBufferSize(), s.spendFlushInterval(), meters);
    }

    @Bean(destroyMethod = "close")
    BudgetResetter budgetResetter(KeyStore store, Authenticator auth, Clock clock, GatewaySettings s) {
        return new BudgetResetter(store, auth, clock, s.budgetResetInterval());
    }

    @Bean
    SpendQueries spendQueries(JdbcTemplate jdbc) {
        return new SpendQueries(jdbc);
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry meters) {
        return new GatewayMetrics(meters);
    }

    @Bean
    CallService callService(Routing routing, RequestGuard guard, SpendWriter spend, GatewayMetrics metrics, GatewaySettings s,
            Clock clock) {
        return new CallService(routing.llmux(), routing.models(), guard, spend, metrics, s, clock);
    }

    @Bean
    RouterFunction<ServerResponse> gatewayRoutes(Authenticator auth, CallService calls, GatewaySettings s, Clock clock,
            JdbcTemplate jdbc, Scheduler jdbcScheduler, LimitState state, KeyStore keys, SpendWriter writer,
            SpendQueries spendQueries) {
        Intake intake = new Intake(auth, calls, s.maxRequestBytes(), clock);
        return Routes.all(
                new ChatHandler(intake),
                new EmbeddingsHandler(intake),
                new ModelsHandler(auth, calls),
                new MessagesHandler(intake),
                new HealthHandler(jdbc, jdbcScheduler, state, s.redis() == null ? "in-memory" : "redis"),
                new AdminHandler(auth, keys, spendQueries, writer, jdbcScheduler, clock, s.reportCurrency(),
                        s.reportCurrencyRate()));
    }
}
