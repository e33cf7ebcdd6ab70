package dev.llmux.router.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * LiteLLM's per-request {@code cache} object: {@code no-cache}, {@code no-store}, {@code ttl} (seconds),
 * {@code s-maxage} (seconds), {@code namespace}. Read from the request's extra fields and removed before sending.
 */
record CacheControls(boolean noCache, boolean noStore, @Nullable Duration ttl, @Nullable Duration maxAge, @Nullable String namespace) {

    static final String FIELD = "cache";
    static final CacheControls NONE = new CacheControls(false, false, null, null, null);

    static CacheControls of(ChatRequest request) {
        Object raw = request.extra().get(FIELD);
        if (raw == null) {
            return NONE;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw invalid("the \"cache\" field must be an object, was " + raw);
        }
        for (Object k : map.keySet()) {
            if (!Set.of("no-cache", "no-store", "ttl", "s-maxage", "namespace").contains(String.valueOf(k))) {
                throw invalid("unknown cache control \"" + k + "\"; expected no-cache, no-store, ttl, s-maxage or namespace");
            }
        }
        return new CacheControls(flag(map, "no-cache"), flag(map, "no-store"), seconds(map, "ttl"), seconds(map, "s-maxage"),
                map.get("namespace") == null ? null : String.valueOf(map.get("namespace")));
    }

    private static boolean flag(Map<?, ?> map, String name) {
        Object v = map.get(name);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid("cache control \"" + name + "\" must be true or false, was " + v);
    }

    private static @Nullable Duration seconds(Map<?, ?> map, String name) {
        Object v = map.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() > 0) {
            return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
        }
        throw invalid("cache control \"" + name + "\" must be a positive number of seconds, was " + v);
    }

    private static BadRequestException invalid(String message) {
        return new BadRequestException(message, ErrorDetails.of("llmux", null, 400).withType("invalid_request_error", null, "cache"));
    }

    static ChatRequest strip(ChatRequest request) {
        return request.extra().containsKey(FIELD) ? request.withoutParams(Set.of(FIELD)) : request;
    }

    /** SHA-256 of the group, the namespace and the request's JSON without streaming fields. */
    String key(String group, ChatRequest request) {
        ChatRequest canonical = request.toBuilder().stream(null).streamOptions(null).build();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((group + "\n" + (namespace == null ? "" : namespace) + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(Json.write(canonical)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
