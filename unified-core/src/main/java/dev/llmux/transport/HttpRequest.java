package dev.llmux.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = Objects.requireNonNull(body, "body");
    }

    public static HttpRequest postJson(URI uri, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.putAll(headers);
        return new HttpRequest("POST", uri, h, body, null);
    }

    public static HttpRequest get(URI uri, Map<String, String> headers) {
        return new HttpRequest("GET", uri, headers, new byte[0], null);
    }

    public HttpRequest withFirstByteTimeout(@Nullable Duration timeout) {
        return new HttpRequest(method, uri, headers, body, timeout);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpRequest(method, uri, h, body, firstByteTimeout);
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
