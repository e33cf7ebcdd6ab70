package dev.llmux.gateway.http;

import dev.llmux.gateway.limit.LimitState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code /health/liveliness} (the process answers) and {@code /health/readiness} (the store and the limit state,
 * Redis when configured, answer within two seconds). Neither needs a key, like LiteLLM's.
 */
public final class HealthHandler {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final Scheduler jdbcScheduler;
    private final LimitState limits;
    private final String limitStateName;

    public HealthHandler(JdbcTemplate jdbc, Scheduler jdbcScheduler, LimitState limits, String limitStateName) {
        this.jdbc = jdbc;
        this.jdbcScheduler = jdbcScheduler;
        this.limits = limits;
        this.limitStateName = limitStateName;
    }

    public Mono<ServerResponse> liveliness(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue("\"I'm alive!\"");
    }

    public Mono<ServerResponse> readiness(ServerRequest request) {
        Mono<String> db = Mono.fromCallable(() -> jdbc.queryForObject("SELECT 1", Integer.class))
                .subscribeOn(jdbcScheduler)
                .timeout(CHECK_TIMEOUT)
                .map(x -> "connected")
                .onErrorResume(e -> Mono.just("unreachable: " + e.getClass().getSimpleName()));
        Mono<String> state = limits.ping()
                .timeout(CHECK_TIMEOUT)
                .map(ok -> ok ? "connected" : "unreachable")
                .onErrorResume(e -> Mono.just("unreachable: " + e.getClass().getSimpleName()));
        return Mono.zip(db, state).flatMap(t -> {
            boolean ok = t.getT1().equals("connected") && t.getT2().equals("connected");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ok ? "healthy" : "unhealthy");
            body.put("db", t.getT1());
            body.put("cache", limitStateName);
            body.put("cache_status", t.getT2());
            return ServerResponse.status(ok ? 200 : 503).contentType(MediaType.APPLICATION_JSON)
                    .body(BodyInserters.fromValue(dev.llmux.internal.json.Json.write(body)));
        });
    }
}
