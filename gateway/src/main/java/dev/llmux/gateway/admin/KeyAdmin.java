package dev.llmux.gateway.admin;

import dev.llmux.gateway.auth.Authenticator;
import dev.llmux.gateway.auth.KeyHashing;
import dev.llmux.gateway.http.GatewayException;
import dev.llmux.gateway.keys.BudgetDuration;
import dev.llmux.gateway.keys.KeyRecord;
import dev.llmux.gateway.keys.Limits;
import dev.llmux.gateway.keys.TeamRecord;
import dev.llmux.gateway.store.KeyStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import tools.jackson.databind.JsonNode;

/** The logic behind {@code /key/*} and {@code /team/*}: validation, hashing, and the store (blocking). */
final class KeyAdmin {

    static final Set<String> KEY_FIELDS = Set.of("key_alias", "duration", "models", "aliases", "max_budget", "budget_duration",
            "rpm_limit", "tpm_limit", "max_parallel_requests", "team_id", "user_id", "metadata", "blocked", "admin");
    static final Set<String> TEAM_FIELDS = Set.of("team_id", "team_alias", "models", "max_budget", "budget_duration",
            "rpm_limit", "tpm_limit", "max_parallel_requests", "metadata", "blocked");

    private final KeyStore store;
    private final Authenticator auth;
    private final Clock clock;
    private final Views.@Nullable Money money;

    KeyAdmin(KeyStore store, Authenticator auth, Clock clock, Views.@Nullable Money money) {
        this.store = store;
        this.auth = auth;
        this.clock = clock;
        this.money = money;
    }

    Map<String, Object> generate(JsonNode body) {
        Fields f = new Fields(body, KEY_FIELDS);
        Instant now = clock.instant();
        String key = KeyHashing.newKey();
        String teamId = f.string("team_id");
        if (teamId != null && store.findTeam(teamId).isEmpty()) {
            throw GatewayException.badRequest("team_id \"" + teamId + "\" does not exist; create it with /team/new", "team_id");
        }
        String duration = f.string("duration");
        Instant expires = duration == null ? null : now.plus(parse("duration", duration));
        KeyRecord k = new KeyRecord(KeyHashing.hash(key), KeyHashing.abbreviate(key), f.string("key_alias"), f.strings("models"),
                f.stringMap("aliases"), limits(f, null, now), expires, teamId, f.string("user_id"), f.object("metadata"),
                f.bool("blocked", false), f.bool("admin", false), now);
        try {
            store.insertKey(k);
        } catch (DuplicateKeyException e) {
            throw GatewayException.badRequest("key_alias \"" + k.keyAlias() + "\" is already used by another key", "key_alias");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key); // the only time the key itself leaves the gateway
        out.putAll(Views.key(k, money));
        return out;
    }

    Map<String, Object> update(JsonNode body) {
        Set<String> known = new java.util.HashSet<>(KEY_FIELDS);
        known.add("key");
        Fields f = new Fields(body, known);
        KeyRecord old = find(f.string("key"));
        Instant now = clock.instant();
        String teamId = f.has("team_id") ? f.string("team_id") : old.teamId();
        if (teamId != null && !teamId.equals(old.teamId()) && store.findTeam(teamId).isEmpty()) {
            throw GatewayException.badRequest("team_id \"" + teamId + "\" does not exist", "team_id");
        }
        Instant expires = f.has("duration")
                ? (f.isNull("duration") ? null : now.plus(parse("duration", f.string("duration"))))
                : old.expires();
        KeyRecord k = new KeyRecord(old.tokenHash(), old.keyName(), f.has("key_alias") ? f.string("key_alias") : old.keyAlias(),
                f.has("models") ? f.strings("models") : old.models(), f.has("aliases") ? f.stringMap("aliases") : old.aliases(),
                limits(f, old.limits(), now), expires, teamId, f.has("user_id") ? f.string("user_id") : old.userId(),
                f.has("metadata") ? f.object("metadata") : old.metadata(), f.bool("blocked", old.blocked()),
                f.bool("admin", old.admin()), old.createdAt());
        try {
            store.updateKey(k, now);
        } catch (DuplicateKeyException e) {
            throw GatewayException.badRequest("key_alias \"" + k.keyAlias() + "\" is already used by another key", "key_alias");
        }
        auth.invalidateKey(k.tokenHash());
        return Views.key(k, money);
    }

    Map<String, Object> delete(JsonNode body) {
        Fields f = new Fields(body, Set.of("keys", "key_aliases"));
        List<String> hashes = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (String k : f.strings("keys")) {
            String hash = find(k).tokenHash();
            hashes.add(hash);
            deleted.add(k);
        }
        for (String alias : f.strings("key_aliases")) {
            KeyRecord k = store.findKeyByAlias(alias).orElseThrow(() -> GatewayException.notFound("no key with alias \"" + alias + "\"", "key_aliases"));
            hashes.add(k.tokenHash());
            deleted.add(alias);
        }
        if (hashes.isEmpty()) {
            throw GatewayException.badRequest("name the keys to delete in \"keys\" (or \"key_aliases\")", "keys");
        }
        store.deleteKeys(hashes);
        hashes.forEach(auth::invalidateKey);
        return Map.of("deleted_keys", deleted);
    }

    Map<String, Object> info(@Nullable String key) {
        KeyRecord k = find(key);
        return Map.of("key", k.tokenHash(), "info", Views.key(k, money));
    }

    /** A key by its value ({@code sk-…}) or by its hash. */
    KeyRecord find(@Nullable String key) {
        if (key == null || key.isBlank()) {
            throw GatewayException.badRequest("missing \"key\": the key (sk-...) or its hash", "key");
        }
        String hash = KeyHashing.looksLikeHash(key) ? key : KeyHashing.hash(key);
        return store.findKey(hash).orElseThrow(() -> GatewayException.notFound("no such key", "key"));
    }

    Map<String, Object> newTeam(JsonNode body) {
        Fields f = new Fields(body, TEAM_FIELDS);
        Instant now = clock.instant();
        String id = f.string("team_id");
        if (id == null) {
            id = java.util.UUID.randomUUID().toString();
        }
        TeamRecord t = new TeamRecord(id, f.string("team_alias"), f.strings("models"), limits(f, null, now),
                f.object("metadata"), f.bool("blocked", false), now);
        try {
            store.insertTeam(t);
        } catch (DuplicateKeyException e) {
            throw GatewayException.badRequest("team_id \"" + id + "\" already exists", "team_id");
        }
        return Views.team(t, money);
    }

    Map<String, Object> updateTeam(JsonNode body) {
        Fields f = new Fields(body, TEAM_FIELDS);
        String id = f.string("team_id");
        if (id == null) {
            throw GatewayException.badRequest("missing \"team_id\"", "team_id");
        }
        TeamRecord old = store.findTeam(id).orElseThrow(() -> GatewayException.notFound("no team \"" + id + "\"", "team_id"));
        Instant now = clock.instant();
        TeamRecord t = new TeamRecord(id, f.has("team_alias") ? f.string("team_alias") : old.teamAlias(),
                f.has("models") ? f.strings("models") : old.models(), limits(f, old.limits(), now),
                f.has("metadata") ? f.object("metadata") : old.metadata(), f.bool("blocked", old.blocked()), old.createdAt());
        store.updateTeam(t, now);
        auth.invalidateTeam(id);
        return Views.team(t, money);
    }

    Map<String, Object> teamInfo(@Nullable String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw GatewayException.badRequest("missing query parameter team_id", "team_id");
        }
        TeamRecord t = store.findTeam(teamId).orElseThrow(() -> GatewayException.notFound("no team \"" + teamId + "\"", "team_id"));
        List<Map<String, Object>> keys = store.keysOfTeam(teamId).stream().map(k -> Views.key(k, money)).toList();
        return Map.of("team_id", teamId, "team_info", Views.team(t, money), "keys", keys);
    }

    /** Limits from the request, starting from {@code old} on update (an explicit null clears a limit). */
    private static Limits limits(Fields f, @Nullable Limits old, Instant now) {
        Limits o = old == null ? Limits.NONE : old;
        BigDecimal max = f.has("max_budget") ? f.money("max_budget") : o.maxBudget();
        String duration = f.has("budget_duration") ? f.string("budget_duration") : o.budgetDuration();
        Instant resetAt = o.budgetResetAt();
        if (f.has("budget_duration")) {
            resetAt = duration == null ? null : now.plus(parse("budget_duration", duration));
        }
        return new Limits(max, duration, resetAt, o.spend(),
                f.has("rpm_limit") ? f.positiveLong("rpm_limit") : o.rpmLimit(),
                f.has("tpm_limit") ? f.positiveLong("tpm_limit") : o.tpmLimit(),
                f.has("max_parallel_requests") ? f.positiveInt("max_parallel_requests") : o.maxParallelRequests());
    }

    private static java.time.Duration parse(String field, String text) {
        try {
            return BudgetDuration.parse(field, text);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest(e.getMessage(), field);
        }
    }
}
