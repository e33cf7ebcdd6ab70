package dev.llmux.internal.provider;

import java.net.URI;

/**
 * URLs already parsed, by their text. Providers resolve their endpoint from per-call settings, so every call would
 * otherwise run {@code java.net.URI}'s parser on the same few strings again — a visible share of a call's own work.
 * Only valid URLs are kept (a bad one fails every time, as before), and at most {@value #MAX} of them, so settings
 * that vary per call cannot grow it without bound.
 */
public final class KnownUris {

    private static final int MAX = 1024;
    private static final BoundedMemo<String, URI> PARSED = new BoundedMemo<>(MAX, URI::create);

    private KnownUris() {}

    /** {@link URI#create(String)}, remembered: throws {@link IllegalArgumentException} for a malformed URL. */
    public static URI create(String url) {
        return PARSED.get(url);
    }
}
