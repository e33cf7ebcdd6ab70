package dev.llmux.transport;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Status and headers of a response, available before its body.
 *
 * @param status the HTTP status
 * @param headers header values by name, matched case-insensitively
 */
public record ResponseHead(int status, Map<String, List<String>> headers) {

    public ResponseHead {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
            java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(copy);
    }

    public @Nullable String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
