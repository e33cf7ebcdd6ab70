package dev.llmux.internal.error;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Parses the waits providers ask for: {@code retry-after-ms}, {@code retry-after}, Go and Google durations. */
public final class RetryAfter {

    /** Go's units, longest first where one is a prefix of another; Go writes micro as U+00B5 and accepts U+03BC. */
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|\u00b5s|\u03bcs|ms|h|m|s)");

    private RetryAfter() {}

    /**
     * The wait from response headers: {@code retry-after-ms} first, then {@code retry-after} as seconds or an
     * HTTP date (relative to {@code now}). Null when absent or unparseable; negative waits become zero.
     */
    public static @Nullable Duration fromHeaders(@Nullable String retryAfterMs, @Nullable String retryAfter, Instant now) {
        if (retryAfterMs != null) {
            try {
                double ms = Double.parseDouble(retryAfterMs.trim());
                if (ms >= 0 && !Double.isInfinite(ms)) {
                    return Duration.ofNanos((long) (ms * 1_000_000));
                }
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        String v = retryAfter.trim();
        try {
            double seconds = Double.parseDouble(v);
            return !(seconds >= 0) || Double.isInfinite(seconds) ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException ignored) {
            // an HTTP date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A Go-style duration ({@code 1s}, {@code 6m0s}, {@code 12ms}, {@code 1.5s}) as OpenAI's
     * {@code x-ratelimit-reset-*} headers and Google's {@code retryDelay} ({@code "34s"}) write them.
     */
    public static @Nullable Duration parseDuration(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = GO_DURATION.matcher(text.trim());
        long nanos = 0;
        int end = 0;
        boolean any = false;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            double unitNanos = switch (m.group(2)) {
                case "h" -> 3600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "ns" -> 1;
                default -> 1e3; // us, µs, μs
            };
            nanos += (long) (n * unitNanos);
            end = m.end();
            any = true;
        }
        return any && end == text.trim().length() ? Duration.ofNanos(nanos) : null;
    }
}
