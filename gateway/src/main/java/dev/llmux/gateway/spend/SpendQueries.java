package dev.llmux.gateway.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads for {@code /spend/logs} and {@code /global/spend} (blocking JDBC). */
public final class SpendQueries {

    private final JdbcTemplate jdbc;

    public SpendQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters; null means "any". */
    public record Filter(@Nullable String keyHash, @Nullable String teamId, @Nullable String userId,
            @Nullable String requestId, @Nullable Instant from, @Nullable Instant to, int limit) {}

    public List<Map<String, Object>> logs(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM llmux_spend_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        add(sql, args, "key_hash = ?", f.keyHash());
        add(sql, args, "team_id = ?", f.teamId());
        add(sql, args, "user_id = ?", f.userId());
        add(sql, args, "request_id = ?", f.requestId());
        add(sql, args, "start_time >= ?", f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC));
        add(sql, args, "start_time < ?", f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC));
        sql.append(" ORDER BY start_time DESC, request_id LIMIT ").append(f.limit());
        return jdbc.query(sql.toString(), (rs, i) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request_id", rs.getString("request_id"));
            m.put("call_type", rs.getString("call_type"));
            m.put("api_key", rs.getString("key_hash"));
            m.put("team_id", rs.getString("team_id"));
            m.put("user", rs.getString("user_id"));
            m.put("model_group", rs.getString("model_group"));
            m.put("model_id", rs.getString("deployment"));
            m.put("custom_llm_provider", rs.getString("provider"));
            m.put("model", rs.getString("model"));
            m.put("prompt_tokens", rs.getInt("prompt_tokens"));
            m.put("completion_tokens", rs.getInt("completion_tokens"));
            m.put("cached_tokens", rs.getInt("cached_tokens"));
            m.put("cache_write_tokens", rs.getInt("cache_write_tokens"));
            m.put("total_tokens", rs.getInt("total_tokens"));
            m.put("spend", rs.getBigDecimal("spend").stripTrailingZeros());
            m.put("startTime", rs.getObject("start_time", OffsetDateTime.class).toInstant().toString());
            m.put("endTime", rs.getObject("end_time", OffsetDateTime.class).toInstant().toString());
            m.put("latency_ms", rs.getLong("latency_ms"));
            m.put("status", rs.getInt("status"));
            m.put("error_type", rs.getString("error_type"));
            m.put("stream", rs.getBoolean("stream"));
            return m;
        }, args.toArray());
    }

    public BigDecimal total(@Nullable Instant from, @Nullable Instant to) {
        StringBuilder sql = new StringBuilder("SELECT COALESCE(SUM(spend), 0) FROM llmux_spend_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        add(sql, args, "start_time >= ?", from == null ? null : from.atOffset(ZoneOffset.UTC));
        add(sql, args, "start_time < ?", to == null ? null : to.atOffset(ZoneOffset.UTC));
        BigDecimal d = jdbc.queryForObject(sql.toString(), BigDecimal.class, args.toArray());
        return d == null ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM llmux_spend_log", Long.class);
        return n == null ? 0 : n;
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

}
