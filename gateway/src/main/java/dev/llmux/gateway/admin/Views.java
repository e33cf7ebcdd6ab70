package dev.llmux.gateway.admin;

import dev.llmux.gateway.keys.KeyRecord;
import dev.llmux.gateway.keys.Limits;
import dev.llmux.gateway.keys.TeamRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON views of keys and teams for the admin API, under LiteLLM's field names. */
final class Views {

    private Views() {}

    static Map<String, Object> key(KeyRecord k, @Nullable Money money) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", k.tokenHash());
        m.put("key_name", k.keyName());
        m.put("key_alias", k.keyAlias());
        m.put("models", k.models());
        m.put("aliases", k.aliases());
        limits(m, k.limits(), money);
        m.put("expires", str(k.expires()));
        m.put("team_id", k.teamId());
        m.put("user_id", k.userId());
        m.put("metadata", k.metadata());
        m.put("blocked", k.blocked());
        m.put("admin", k.admin());
        m.put("created_at", str(k.createdAt()));
        return m;
    }

    static Map<String, Object> team(TeamRecord t, @Nullable Money money) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("team_id", t.teamId());
        m.put("team_alias", t.teamAlias());
        m.put("models", t.models());
        limits(m, t.limits(), money);
        m.put("metadata", t.metadata());
        m.put("blocked", t.blocked());
        m.put("created_at", str(t.createdAt()));
        return m;
    }

    private static void limits(Map<String, Object> m, Limits l, @Nullable Money money) {
        m.put("spend", l.spend());
        m.put("max_budget", l.maxBudget());
        if (money != null) {
            money.addConverted(m, "spend", l.spend());
            if (l.maxBudget() != null) {
                money.addConverted(m, "max_budget", l.maxBudget());
            }
        }
        m.put("budget_duration", l.budgetDuration());
        m.put("budget_reset_at", str(l.budgetResetAt()));
        m.put("rpm_limit", l.rpmLimit());
        m.put("tpm_limit", l.tpmLimit());
        m.put("max_parallel_requests", l.maxParallelRequests());
    }

    private static @Nullable String str(@Nullable Instant i) {
        return i == null ? null : i.toString();
    }

    /**
     * A second currency for reports: USD amounts are shown as they are and, next to them, converted at the
     * configured rate under {@code <field>_<currency>} (for example {@code spend_zar}).
     */
    record Money(String currency, BigDecimal rate) {
        void addConverted(Map<String, Object> m, String field, BigDecimal usd) {
            m.put(field + "_" + currency.toLowerCase(java.util.Locale.ROOT),
                    usd.multiply(rate).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros());
        }
    }
}
