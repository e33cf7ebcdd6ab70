package dev.llmux.gateway.keys;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A team: its keys share the team's budget and limits on top of their own.
 *
 * @param teamId the team's id
 * @param teamAlias a display name, or null
 * @param models model names the team's keys may call; empty means any
 * @param limits the team's budget and rate limits
 * @param metadata free-form data from the admin
 * @param blocked true when every key of the team is refused
 * @param createdAt when the team was created
 */
public record TeamRecord(
        String teamId,
        @Nullable String teamAlias,
        List<String> models,
        Limits limits,
        Map<String, Object> metadata,
        boolean blocked,
        Instant createdAt) {

    public TeamRecord {
        Objects.requireNonNull(teamId, "teamId");
        models = List.copyOf(models);
        Objects.requireNonNull(limits, "limits");
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
