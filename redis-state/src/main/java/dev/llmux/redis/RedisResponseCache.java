package dev.llmux.redis;

import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatResponse;
import dev.llmux.internal.json.Json;
import dev.llmux.redis.internal.Connector;
import dev.llmux.router.ResponseCache;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The router's response cache in Redis, shared by every instance: one JSON string per key
 * ({@code <prefix>cache:<sha256>}) expiring after its ttl. A Redis failure is a cache miss, never a failed call.
 */
public final class RedisResponseCache implements ResponseCache, AutoCloseable {

    /** What is stored: the OpenAI-shaped answer plus enough {@link CallInfo} to say where it came from. */
    record Stored(JsonNode response, String provider, String model, @Nullable String deployment, @Nullable String group, long storedAt) {}

    private final Connector redis;
    private final String prefix;

    private RedisResponseCache(RedisURI uri, String prefix, Duration timeout) {
        this.redis = new Connector(Connector.client(uri), uri, true, timeout);
        this.prefix = prefix;
    }

    /** A cache on {@code uri} with keys under {@code prefix} (default {@code llmux:}). */
    public static RedisResponseCache create(RedisURI uri, String prefix) {
        return new RedisResponseCache(uri, Objects.requireNonNull(prefix, "prefix"), Duration.ofSeconds(1));
    }

    @Override
    public Mono<Entry> get(String key) {
        return redis.run(c -> c.get(prefix + "cache:" + key))
                .map(json -> {
                    Stored s = Json.read(json, Stored.class);
                    ChatResponse r = Json.MAPPER.convertValue(s.response(), ChatResponse.class);
                    CallInfo info = new CallInfo(s.provider(), s.model(), s.deployment(), s.group(), 1, Duration.ZERO, null, null, false);
                    return new Entry(r.withCallInfo(info), s.storedAt());
                })
                .onErrorResume(e -> Mono.empty());
    }

    @Override
    public Mono<Void> put(String key, Entry entry, Duration ttl) {
        ChatResponse r = entry.response();
        CallInfo info = r.callInfo();
        Stored s = new Stored(Json.valueToTree(r), info == null ? "unknown" : info.provider(), info == null ? r.model() : info.model(),
                info == null ? null : info.deployment(), info == null ? null : info.modelGroup(), entry.storedAtMillis());
        return redis.run(c -> c.set(prefix + "cache:" + key, Json.writeString(s), SetArgs.Builder.px(ttl.toMillis())))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    @Override
    public void close() {
        redis.close();
    }
}
