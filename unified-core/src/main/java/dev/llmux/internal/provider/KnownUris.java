package dev.llmux.internal.provider;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * URLs already parsed, by their text. Providers resolve their endpoint from per-call settings, so every call would
 * otherwise run {@code java.net.URI}'s parser on the same few strings again — a visible share of a call's own work.
 * Only valid URLs are kept (a bad one fails every time, as before), and at most {@value #MAX} of them, so settings
 * that vary per call cannot grow it without bound.
 */
public final class KnownUris {

    private static final int MAX = 1024;
    private static final ConcurrentHashMap<String, URI> PARSED = new ConcurrentHashMap<>();

    private KnownUris() {}

    /** {@link URI#create(String)}, remembered: throws {@link IllegalArgumentException} for a malformed URL. */
    public static URI create(String url) {
        URI uri = PARSED.get(url);
        if (uri == null) {
            uri = URI.create(url);
            if (PARSED.size() < MAX) {
                PARSED.put(url, uri);
            }
        }
        return uri;
    }
}
