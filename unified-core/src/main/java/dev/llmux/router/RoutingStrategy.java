package dev.llmux.router;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the router picks one deployment among the healthy ones of the best {@code order} tier. */
public enum RoutingStrategy {
    /** Weighted random: by {@code weight} when any deployment sets one, else by rpm, else by tpm, else uniform. */
    SIMPLE_SHUFFLE("simple-shuffle"),
    /** The deployment with the fewest calls in flight (ties at random). */
    LEAST_BUSY("least-busy"),
    /**
     * The lowest moving average (EWMA) of latency, of time to first token for streams; untried deployments first;
     * any deployment within {@link RouterSettings#latencyBuffer()} of the best is a candidate.
     */
    LATENCY_BASED("latency-based-routing"),
    /** The deployment with the most rpm/tpm headroom left this minute (lowest tokens used, then requests). */
    USAGE_BASED("usage-based-routing"),
    /** The lowest price per token (custom prices, else the catalog's; an unknown price counts as $1 a token). */
    COST_BASED("cost-based-routing");

    private final String liteLlmName;

    RoutingStrategy(String liteLlmName) {
        this.liteLlmName = liteLlmName;
    }

    /** LiteLLM's {@code routing_strategy} value. */
    public String liteLlmName() {
        return liteLlmName;
    }

    /**
     * Parses LiteLLM's {@code routing_strategy} ({@code usage-based-routing-v2} is the same as
     * {@code usage-based-routing}) or this enum's name.
     *
     * @throws IllegalArgumentException listing the accepted values
     */
    public static RoutingStrategy parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("usage-based-routing-v2")) {
            return USAGE_BASED;
        }
        for (RoutingStrategy s : values()) {
            if (s.liteLlmName.equals(v) || s.name().toLowerCase(Locale.ROOT).equals(v.replace('-', '_'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown routing strategy \"" + value + "\"; expected one of "
                + Arrays.stream(values()).map(RoutingStrategy::liteLlmName).collect(Collectors.joining(", ")));
    }
}
