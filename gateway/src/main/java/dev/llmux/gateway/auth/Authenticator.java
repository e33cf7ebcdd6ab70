package dev.llmux.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.llmux.gateway.http.GatewayException;
import dev.llmux.gateway.keys.KeyRecord;
import dev.llmux.gateway.keys.TeamRecord;
import dev.llmux.gateway.store.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Finds the caller from {@code Authorization: Bearer …} (or Anthropic's {@code x-api-key}). Keys and teams are
 * cached for a short time so the store is not read on every request; admin changes made on this instance
 * invalidate the cache at once, other instances see them within the TTL.
 */
public final class Authenticator {

    private final @Nullable String masterKey;
    private final Clock clock;
    private final AsyncLoadingCache<String, Optional<KeyRecord>> keys;
    private final AsyncLoadingCache<String, Optional<TeamRecord>> teams;

    public Authenticator(@Nullable String masterKey, KeyStore store, Executor jdbc, Clock clock, Duration cacheTtl) {
        this.masterKey = masterKey;
        this.clock = clock;
        this.keys = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).executor(jdbc)
                .buildAsync(store::findKey);
        this.teams = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).executor(jdbc)
                .buildAsync(store::findTeam);
    }

    public boolean open() {
        return masterKey == null;
    }

    public Mono<Caller> authenticate(ServerRequest request) {
        String presented = presentedKey(request.headers().asHttpHeaders());
        if (masterKey == null) {
            return Mono.just(Caller.OPEN);
        }
        if (presented == null) {
            return Mono.error(GatewayException.unauthorized(
                    "no API key: send it as \"Authorization: Bearer sk-...\""));
        }
        if (KeyHashing.sameKey(presented, masterKey)) {
            return Mono.just(Caller.MASTER);
        }
        String hash = KeyHashing.hash(presented);
        return Mono.fromFuture(keys.get(hash)).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.error(GatewayException.unauthorized("invalid API key " + abbreviateSafely(presented)));
            }
            KeyRecord key = found.get();
            if (key.blocked()) {
                return Mono.error(GatewayException.unauthorized("API key " + key.keyName() + " is blocked"));
            }
            if (key.isExpired(clock.instant())) {
                return Mono.error(GatewayException.unauthorized("API key " + key.keyName() + " expired at " + key.expires()));
            }
            if (key.teamId() == null) {
                return Mono.just(new Caller(key, null, key.admin()));
            }
            return Mono.fromFuture(teams.get(key.teamId())).flatMap(team -> {
                if (team.isPresent() && team.get().blocked()) {
                    return Mono.error(GatewayException.unauthorized("team " + key.teamId() + " of API key " + key.keyName() + " is blocked"));
                }
                return Mono.just(new Caller(key, team.orElse(null), key.admin()));
            });
        });
    }

    /** The caller, who must be the master key or an admin key. */
    public Mono<Caller> authenticateAdmin(ServerRequest request) {
        if (masterKey == null) {
            return Mono.error(GatewayException.forbidden(
                    "the admin API needs general_settings.master_key (or LITELLM_MASTER_KEY) to be configured"));
        }
        return authenticate(request).flatMap(c -> c.admin()
                ? Mono.just(c)
                : Mono.error(GatewayException.forbidden("this endpoint needs the master key or an admin key")));
    }

    public void invalidateKey(String hash) {
        keys.synchronous().invalidate(hash);
    }

    public void invalidateTeam(String teamId) {
        teams.synchronous().invalidate(teamId);
    }

    public void invalidateAll() {
        keys.synchronous().invalidateAll();
        teams.synchronous().invalidateAll();
    }

    static @Nullable String presentedKey(HttpHeaders headers) {
        String auth = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (auth != null) {
            String a = auth.trim();
            if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                a = a.substring(7).trim();
            }
            return a.isEmpty() ? null : a;
        }
        String x = headers.getFirst("x-api-key");
        if (x == null) {
            x = headers.getFirst("api-key");
        }
        return x == null || x.isBlank() ? null : x.trim();
    }

    private static String abbreviateSafely(String presented) {
        return presented.length() < 12 ? "(too short to be a key)" : KeyHashing.abbreviate(presented);
    }
}
