package dev.llmux.gateway.admin;

import dev.llmux.gateway.auth.Authenticator;
import dev.llmux.gateway.auth.KeyHashing;
import dev.llmux.gateway.http.Bodies;
import dev.llmux.gateway.http.GatewayException;
import dev.llmux.gateway.http.Responses;
import dev.llmux.gateway.spend.SpendQueries;
import dev.llmux.gateway.spend.SpendWriter;
import dev.llmux.gateway.store.KeyStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * LiteLLM-compatible admin endpoints: {@code /key/generate|update|delete|info}, {@code /team/new|update|info},
 * {@code /spend/logs}, {@code /global/spend}. Every one needs the master key or an admin key; the store work
 * runs on the JDBC scheduler, never on the event loop.
 */
public final class AdminHandler {

    private static final long MAX_ADMIN_BODY = 256 * 1024;

    private final Authenticator auth;
    private final KeyAdmin keys;
    private final SpendQueries spend;
    private final SpendWriter writer;
    private final Scheduler jdbc;
    private final Views.@Nullable Money money;

    public AdminHandler(Authenticator auth, KeyStore store, SpendQueries spend, SpendWriter writer, Scheduler jdbc, Clock clock,
            @Nullable String currency, @Nullable BigDecimal rate) {
        this.auth = auth;
        this.money = currency == null ? null : new Views.Money(currency, rate);
        this.keys = new KeyAdmin(store, auth, clock, money);
        this.spend = spend;
        this.writer = writer;
        this.jdbc = jdbc;
    }

    public Mono<ServerResponse> generateKey(ServerRequest r) {
        return post(r, keys::generate);
    }

    public Mono<ServerResponse> updateKey(ServerRequest r) {
        return post(r, keys::update);
    }

    public Mono<ServerResponse> deleteKey(ServerRequest r) {
        return post(r, keys::delete);
    }

    public Mono<ServerResponse> keyInfo(ServerRequest r) {
        return get(r, () -> keys.info(r.queryParam("key").orElse(null)));
    }

    public Mono<ServerResponse> newTeam(ServerRequest r) {
        return post(r, keys::newTeam);
    }

    public Mono<ServerResponse> updateTeam(ServerRequest r) {
        return post(r, keys::updateTeam);
    }

    public Mono<ServerResponse> teamInfo(ServerRequest r) {
        return get(r, () -> keys.teamInfo(r.queryParam("team_id").orElse(null)));
    }

    /** {@code GET /spend/logs?api_key=&team_id=&user_id=&request_id=&start_date=&end_date=&limit=}. */
    public Mono<ServerResponse> spendLogs(ServerRequest r) {
        return get(r, () -> {
            String key = r.queryParam("api_key").orElse(null);
            String hash = key == null ? null : KeyHashing.looksLikeHash(key) ? key : KeyHashing.hash(key);
            int limit = intParam(r, "limit", 1000, 1, 10_000);
            List<Map<String, Object>> rows = spend.logs(new SpendQueries.Filter(hash, r.queryParam("team_id").orElse(null),
                    r.queryParam("user_id").orElse(null), r.queryParam("request_id").orElse(null), date(r, "start_date", false),
                    date(r, "end_date", true), limit));
            if (money != null) {
                rows.forEach(row -> money.addConverted(row, "spend", (BigDecimal) row.get("spend")));
            }
            return rows;
        });
    }

    /** {@code GET /global/spend}: total USD spend (optionally between {@code start_date} and {@code end_date}). */
    public Mono<ServerResponse> globalSpend(ServerRequest r) {
        return get(r, () -> {
            Map<String, Object> m = new LinkedHashMap<>();
            BigDecimal total = spend.total(date(r, "start_date", false), date(r, "end_date", true));
            m.put("spend", total);
            m.put("currency", "USD");
            if (money != null) {
                money.addConverted(m, "spend", total);
                m.put("report_currency", money.currency());
                m.put("report_currency_rate", money.rate());
            }
            m.put("pending_spend_logs", writer.backlog());
            return m;
        });
    }

    private Mono<ServerResponse> post(ServerRequest r, Function<JsonNode, Object> action) {
        // body first, then the key: a refused request must not leave its body unread on a kept-alive connection
        return Bodies.readBytes(r, MAX_ADMIN_BODY)
                .flatMap(bytes -> auth.authenticateAdmin(r).map(c -> Bodies.tree(bytes)))
                .flatMap(body -> Mono.fromCallable(() -> action.apply(body)).subscribeOn(jdbc))
                .flatMap(out -> Responses.json(out, null, null, false))
                .onErrorResume(e -> Responses.error(e, null));
    }

    private Mono<ServerResponse> get(ServerRequest r, Callable<Object> action) {
        return auth.authenticateAdmin(r)
                .flatMap(c -> Mono.fromCallable(action).subscribeOn(jdbc))
                .flatMap(out -> Responses.json(out, null, null, false))
                .onErrorResume(e -> Responses.error(e, null));
    }

    private static @Nullable Instant date(ServerRequest r, String name, boolean endOfDay) {
        String v = r.queryParam(name).orElse(null);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw GatewayException.badRequest(name + " must be YYYY-MM-DD or an ISO-8601 instant, was \"" + v + "\"", name);
        }
    }

    private static int intParam(ServerRequest r, String name, int dflt, int min, int max) {
        String v = r.queryParam(name).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw GatewayException.badRequest(name + " must be between " + min + " and " + max + ", was " + n, name);
            }
            return n;
        } catch (NumberFormatException e) {
            throw GatewayException.badRequest(name + " must be a number, was \"" + v + "\"", name);
        }
    }
}
