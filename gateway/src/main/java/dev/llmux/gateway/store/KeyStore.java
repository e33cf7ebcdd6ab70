package dev.llmux.gateway.store;

import dev.llmux.gateway.keys.KeyRecord;
import dev.llmux.gateway.keys.Limits;
import dev.llmux.gateway.keys.TeamRecord;
import dev.llmux.internal.json.Json;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;

/** Keys and teams in the SQL store (blocking JDBC: call it off the event loop). */
public final class KeyStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() {};

    private final JdbcTemplate jdbc;

    public KeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insertKey(KeyRecord k) {
        Limits l = k.limits();
        jdbc.update("""
                INSERT INTO llmux_key (token_hash, key_name, key_alias, models, aliases, max_budget, budget_duration,
                  budget_reset_at, spend, rpm_limit, tpm_limit, max_parallel_requests, expires, team_id, user_id,
                  metadata, blocked, is_admin, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                k.tokenHash(), k.keyName(), k.keyAlias(), Json.writeString(k.models()), Json.writeString(k.aliases()),
                l.maxBudget(), l.budgetDuration(), ts(l.budgetResetAt()), l.spend(), l.rpmLimit(), l.tpmLimit(),
                l.maxParallelRequests(), ts(k.expires()), k.teamId(), k.userId(), Json.writeString(k.metadata()),
                k.blocked(), k.admin(), ts(k.createdAt()), ts(k.createdAt()));
    }

    /** Rewrites every mutable column of an existing key; false when it does not exist. */
    public boolean updateKey(KeyRecord k, Instant now) {
        Limits l = k.limits();
        return jdbc.update("""
                UPDATE llmux_key SET key_alias = ?, models = ?, aliases = ?, max_budget = ?, budget_duration = ?,
                  budget_reset_at = ?, rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?, expires = ?,
                  team_id = ?, user_id = ?, metadata = ?, blocked = ?, is_admin = ?, updated_at = ?
                WHERE token_hash = ?""",
                k.keyAlias(), Json.writeString(k.models()), Json.writeString(k.aliases()), l.maxBudget(),
                l.budgetDuration(), ts(l.budgetResetAt()), l.rpmLimit(), l.tpmLimit(), l.maxParallelRequests(),
                ts(k.expires()), k.teamId(), k.userId(), Json.writeString(k.metadata()), k.blocked(), k.admin(),
                ts(now), k.tokenHash()) == 1;
    }

    public int deleteKeys(List<String> hashes) {
        int n = 0;
        for (String h : hashes) {
            n += jdbc.update("DELETE FROM llmux_key WHERE token_hash = ?", h);
        }
        return n;
    }

    public Optional<KeyRecord> findKey(String tokenHash) {
        return jdbc.query("SELECT * FROM llmux_key WHERE token_hash = ?", KEY, tokenHash).stream().findFirst();
    }

    public Optional<KeyRecord> findKeyByAlias(String alias) {
        return jdbc.query("SELECT * FROM llmux_key WHERE key_alias = ?", KEY, alias).stream().findFirst();
    }

    public List<KeyRecord> keysOfTeam(String teamId) {
        return jdbc.query("SELECT * FROM llmux_key WHERE team_id = ? ORDER BY created_at", KEY, teamId);
    }

    public void insertTeam(TeamRecord t) {
        Limits l = t.limits();
        jdbc.update("""
                INSERT INTO llmux_team (team_id, team_alias, models, max_budget, budget_duration, budget_reset_at, spend,
                  rpm_limit, tpm_limit, max_parallel_requests, metadata, blocked, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                t.teamId(), t.teamAlias(), Json.writeString(t.models()), l.maxBudget(), l.budgetDuration(),
                ts(l.budgetResetAt()), l.spend(), l.rpmLimit(), l.tpmLimit(), l.maxParallelRequests(),
                Json.writeString(t.metadata()), t.blocked(), ts(t.createdAt()), ts(t.createdAt()));
    }

    public boolean updateTeam(TeamRecord t, Instant now) {
        Limits l = t.limits();
        return jdbc.update("""
                UPDATE llmux_team SET team_alias = ?, models = ?, max_budget = ?, budget_duration = ?, budget_reset_at = ?,
                  rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?, metadata = ?, blocked = ?, updated_at = ?
                WHERE team_id = ?""",
                t.teamAlias(), Json.writeString(t.models()), l.maxBudget(), l.budgetDuration(), ts(l.budgetResetAt()),
                l.rpmLimit(), l.tpmLimit(), l.maxParallelRequests(), Json.writeString(t.metadata()), t.blocked(),
                ts(now), t.teamId()) == 1;
    }

    public Optional<TeamRecord> findTeam(String teamId) {
        return jdbc.query("SELECT * FROM llmux_team WHERE team_id = ?", TEAM, teamId).stream().findFirst();
    }

    /**
     * Zeroes the spend of every key and team whose budget period ended at or before {@code now} and moves its reset
     * time on. The conditional UPDATE makes it safe for several gateway instances to run at once.
     *
     * @return the hashes of the keys and the ids of the teams that were reset
     */
    public List<String> resetDueBudgets(Instant now, java.util.function.BiFunction<String, Instant, Instant> next) {
        List<String> reset = new ArrayList<>();
        List<Object[]> keys = jdbc.query("SELECT token_hash, budget_duration, budget_reset_at FROM llmux_key "
                + "WHERE budget_reset_at IS NOT NULL AND budget_reset_at <= ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), instant(rs, 3)}, ts(now));
        for (Object[] k : keys) {
            Instant due = (Instant) k[2];
            if (jdbc.update("UPDATE llmux_key SET spend = 0, budget_reset_at = ? WHERE token_hash = ? AND budget_reset_at = ?",
                    ts(next.apply((String) k[1], now)), k[0], ts(due)) == 1) {
                reset.add("key:" + k[0]);
            }
        }
        List<Object[]> teams = jdbc.query("SELECT team_id, budget_duration, budget_reset_at FROM llmux_team "
                + "WHERE budget_reset_at IS NOT NULL AND budget_reset_at <= ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), instant(rs, 3)}, ts(now));
        for (Object[] t : teams) {
            Instant due = (Instant) t[2];
            if (jdbc.update("UPDATE llmux_team SET spend = 0, budget_reset_at = ? WHERE team_id = ? AND budget_reset_at = ?",
                    ts(next.apply((String) t[1], now)), t[0], ts(due)) == 1) {
                reset.add("team:" + t[0]);
            }
        }
        return reset;
    }

    static @Nullable OffsetDateTime ts(@Nullable Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static @Nullable Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static @Nullable Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Long nullableLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static @Nullable Integer nullableInt(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }

    private static Limits limits(ResultSet rs) throws SQLException {
        BigDecimal max = rs.getBigDecimal("max_budget");
        return new Limits(max == null ? null : max.stripTrailingZeros(), rs.getString("budget_duration"),
                instant(rs, "budget_reset_at"), rs.getBigDecimal("spend").stripTrailingZeros(), nullableLong(rs, "rpm_limit"),
                nullableLong(rs, "tpm_limit"), nullableInt(rs, "max_parallel_requests"));
    }

    private static final RowMapper<KeyRecord> KEY = (rs, i) -> new KeyRecord(
            rs.getString("token_hash"), rs.getString("key_name"), rs.getString("key_alias"),
            Json.MAPPER.readValue(rs.getString("models"), STRINGS), Json.MAPPER.readValue(rs.getString("aliases"), STRING_MAP),
            limits(rs), instant(rs, "expires"), rs.getString("team_id"), rs.getString("user_id"),
            Json.MAPPER.readValue(rs.getString("metadata"), OBJECT_MAP), rs.getBoolean("blocked"), rs.getBoolean("is_admin"),
            instant(rs, "created_at"));

    private static final RowMapper<TeamRecord> TEAM = (rs, i) -> new TeamRecord(
            rs.getString("team_id"), rs.getString("team_alias"), Json.MAPPER.readValue(rs.getString("models"), STRINGS),
            limits(rs), Json.MAPPER.readValue(rs.getString("metadata"), OBJECT_MAP), rs.getBoolean("blocked"),
            instant(rs, "created_at"));
}
