package dev.llmux.gateway.spend;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of spend logs and adds their cost to the keys' and teams' running spend in one transaction, so a
 * retried batch is never counted twice.
 */
public final class JdbcSpendStore implements SpendStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public JdbcSpendStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void write(List<SpendLog> batch) {
        // sorted maps: every writer updates rows in the same order, which keeps PostgreSQL free of deadlocks
        Map<String, BigDecimal> byKey = new TreeMap<>();
        Map<String, BigDecimal> byTeam = new TreeMap<>();
        for (SpendLog s : batch) {
            if (s.spend().signum() > 0) {
                if (s.keyHash() != null) {
                    byKey.merge(s.keyHash(), s.spend(), BigDecimal::add);
                }
                if (s.teamId() != null) {
                    byTeam.merge(s.teamId(), s.spend(), BigDecimal::add);
                }
            }
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    INSERT INTO llmux_spend_log (request_id, call_type, key_hash, team_id, user_id, model_group, deployment,
                      provider, model, prompt_tokens, completion_tokens, cached_tokens, cache_write_tokens, total_tokens,
                      spend, start_time, end_time, latency_ms, status, error_type, stream)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, s) -> {
                ps.setString(1, s.requestId());
                ps.setString(2, s.callType());
                ps.setString(3, s.keyHash());
                ps.setString(4, s.teamId());
                ps.setString(5, s.userId());
                ps.setString(6, s.modelGroup());
                ps.setString(7, s.deployment());
                ps.setString(8, s.provider());
                ps.setString(9, s.model());
                ps.setInt(10, s.promptTokens());
                ps.setInt(11, s.completionTokens());
                ps.setInt(12, s.cachedTokens());
                ps.setInt(13, s.cacheWriteTokens());
                ps.setInt(14, s.totalTokens());
                ps.setBigDecimal(15, s.spend());
                ps.setObject(16, s.startTime().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(17, s.endTime().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setLong(18, s.latencyMs());
                ps.setInt(19, s.status());
                ps.setString(20, s.errorType());
                ps.setBoolean(21, s.stream());
            });
            byKey.forEach((k, v) -> jdbc.update("UPDATE llmux_key SET spend = spend + ? WHERE token_hash = ?", v, k));
            byTeam.forEach((t, v) -> jdbc.update("UPDATE llmux_team SET spend = spend + ? WHERE team_id = ?", v, t));
        });
    }
}
