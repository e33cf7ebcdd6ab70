package dev.llmux.gateway.auth;

import dev.llmux.gateway.keys.KeyRecord;
import dev.llmux.gateway.keys.TeamRecord;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the master key, a virtual key (with its team), or anyone when the gateway runs without a
 * master key.
 *
 * @param key the virtual key, or null for the master key and open mode
 * @param team the key's team, or null
 * @param admin true when the caller may use the admin API
 */
public record Caller(@Nullable KeyRecord key, @Nullable TeamRecord team, boolean admin) {

    public static final Caller MASTER = new Caller(null, null, true);
    public static final Caller OPEN = new Caller(null, null, false);

    public @Nullable String keyHash() {
        return key == null ? null : key.tokenHash();
    }

    public @Nullable String teamId() {
        return key == null ? null : key.teamId();
    }

    public @Nullable String userId() {
        return key == null ? null : key.userId();
    }

    /** True when budgets and limits apply (the master key bypasses them, like LiteLLM's). */
    public boolean limited() {
        return key != null;
    }
}
