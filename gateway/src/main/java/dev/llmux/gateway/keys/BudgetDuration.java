package dev.llmux.gateway.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LiteLLM's duration strings for {@code budget_duration} and key {@code duration}: {@code 30s}, {@code 10m}, {@code 12h}, {@code 30d}, {@code 2w}, {@code 1mo}. */
public final class BudgetDuration {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})(s|m|h|d|w|mo)");

    private BudgetDuration() {}

    public static Duration parse(String field, String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + " must look like 30s, 10m, 12h, 30d, 2w or 1mo, was \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            throw new IllegalArgumentException(field + " must be positive, was \"" + text + "\"");
        }
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofDays(30 * n);
        };
    }

    /** The first reset time after {@code now} for a budget that started at {@code now}. */
    public static Instant nextReset(String budgetDuration, Instant now) {
        return now.plus(parse("budget_duration", budgetDuration));
    }
}
