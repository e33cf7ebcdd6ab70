package dev.llmux.gateway.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A virtual key as stored: only the SHA-256 hash of the key, never the key.
 *
 * @param tokenHash hex SHA-256 of the key
 * @param keyName a recognisable abbreviation ({@code sk-...Ab3x}) for listings
 * @param keyAlias a name the admin chose, or null
 * @param models model names (or aliases) the key may call; empty means any
 * @param aliases model names the key's callers use, mapped to the gateway's model names
 * @param limits budget and rate limits
 * @param expires when the key stops working, or null for never
 * @param teamId the team the key belongs to, or null
 * @param userId the user the key was made for, or null
 * @param metadata free-form data from the admin
 * @param blocked true when the admin blocked the key
 * @param admin true when the key may use the admin API
 * @param createdAt when the key was generated
 */
public record KeyRecord(
        String tokenHash,
        String keyName,
        @Nullable String keyAlias,
        List<String> models,
        Map<String, String> aliases,
        Limits limits,
        @Nullable Instant expires,
        @Nullable String teamId,
        @Nullable String userId,
        Map<String, Object> metadata,
        boolean blocked,
        boolean admin,
        Instant createdAt) {

    public KeyRecord {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(keyName, "keyName");
        models = List.copyOf(models);
        aliases = Map.copyOf(aliases);
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isExpired(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
