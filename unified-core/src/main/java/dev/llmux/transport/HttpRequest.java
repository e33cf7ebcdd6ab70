package dev.llmux.transport;

import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as a provider builds it.
 *
 * @param method {@code GET}, {@code POST}, …
 * @param uri the full URL
 * @param headers header names and values, in order; values may hold secrets, so {@link #toString()} hides them
 * @param body the body bytes (empty for none)
 * @param firstByteTimeout overrides the transport's first-byte timeout for this call, or null
 */
public record HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body, @Nullable Duration firstByteTimeout) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = headers instanceof Headers ? headers : new Headers(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = Objects.requireNonNull(body, "body");
    }

    public static HttpRequest postJson(URI uri, Map<String, String> headers, byte[] body) {
        LinkedHashMap<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.putAll(headers);
        return new HttpRequest("POST", uri, new Headers(h), body, null);
    }

    public static HttpRequest get(URI uri, Map<String, String> headers) {
        return new HttpRequest("GET", uri, headers, new byte[0], null);
    }

    public HttpRequest withFirstByteTimeout(@Nullable Duration timeout) {
        return new HttpRequest(method, uri, headers, body, timeout);
    }

    public HttpRequest withHeader(String name, String value) {
        LinkedHashMap<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpRequest(method, uri, new Headers(h), body, firstByteTimeout);
    }

    /** The request line and header names only: header values and the body may carry credentials. */
    @Override
    public String toString() {
        return method + " " + uri + " headers=" + headers.keySet() + " body=" + body.length + "B";
    }

    /** A header value, matched case-insensitively, or null. */
    public @Nullable String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The headers of a request: read-only and over a map no one else holds, so a request made from another's headers
     * (a header added, a signature) copies them once rather than once more in the constructor.
     */
    private static final class Headers extends AbstractMap<String, String> {
        private final Map<String, String> map;

        /** Over {@code owned}, which the caller hands over and no longer touches. */
        Headers(LinkedHashMap<String, String> owned) {
            this.map = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return map.entrySet();
        }

        @Override
        public @Nullable String get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super String> action) {
            map.forEach(action);
        }

        // read-only as Collections.unmodifiableMap is: every change refused, even one that would change nothing

        private static UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("request headers are read-only");
        }

        @Override
        public String put(String key, String value) {
            throw readOnly();
        }

        @Override
        public String remove(Object key) {
            throw readOnly();
        }

        @Override
        public void putAll(Map<? extends String, ? extends String> m) {
            throw readOnly();
        }

        @Override
        public void clear() {
            throw readOnly();
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super String, ? extends String> function) {
            throw readOnly();
        }

        @Override
        public String putIfAbsent(String key, String value) {
            throw readOnly();
        }

        @Override
        public boolean remove(Object key, Object value) {
            throw readOnly();
        }

        @Override
        public boolean replace(String key, String oldValue, String newValue) {
            throw readOnly();
        }

        @Override
        public String replace(String key, String value) {
            throw readOnly();
        }

        @Override
        public String computeIfAbsent(String key, Function<? super String, ? extends String> mappingFunction) {
            throw readOnly();
        }

        @Override
        public String computeIfPresent(String key, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
            throw readOnly();
        }

        @Override
        public String compute(String key, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
            throw readOnly();
        }

        @Override
        public String merge(String key, String value, BiFunction<? super String, ? super String, ? extends String> remappingFunction) {
            throw readOnly();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r && method.equals(r.method) && uri.equals(r.uri) && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body) && Objects.equals(firstByteTimeout, r.firstByteTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, uri, headers, java.util.Arrays.hashCode(body), firstByteTimeout);
    }
}
