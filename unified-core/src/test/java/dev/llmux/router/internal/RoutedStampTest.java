package dev.llmux.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.CallInfo;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RoutedStampTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    @Test
    void should_put_the_routing_the_latency_and_the_time_to_first_token_on_a_chunks_info() {
        RoutedStamp stamp = new RoutedStamp("claude-primary", "smart", 2, START);
        CallInfo fromProvider = new CallInfo("anthropic", "claude-sonnet-4-5", null, null, 1, Duration.ofMillis(40),
                Duration.ofMillis(40), null, false);

        stamp.firstChunk(START.plusMillis(120));
        stamp.firstChunk(START.plusMillis(500)); // only the first counts
        CallInfo routed = stamp.stamp(fromProvider, START.plusMillis(130));

        assertThat(routed).isEqualTo(new CallInfo("anthropic", "claude-sonnet-4-5", "claude-primary", "smart", 2,
                Duration.ofMillis(130), Duration.ofMillis(120), null, false));
        assertThat(stamp.timeToFirstToken()).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void should_share_one_info_between_chunks_until_the_latency_or_the_providers_info_changes() {
        RoutedStamp stamp = new RoutedStamp("gpt-backup", "smart", 1, START);
        CallInfo first = CallInfo.of("openai", "gpt-4o", Duration.ofMillis(5));
        stamp.firstChunk(START.plusMillis(10));

        CallInfo a = stamp.stamp(first, START.plusMillis(10));
        CallInfo b = stamp.stamp(first, START.plusMillis(10));
        CallInfo c = stamp.stamp(first, START.plusMillis(11));
        CallInfo priced = first.withCost(new BigDecimal("0.0042"));
        CallInfo d = stamp.stamp(priced, START.plusMillis(11));

        assertThat(b).isSameAs(a);
        assertThat(c).isNotSameAs(b);
        assertThat(c.latency()).isEqualTo(Duration.ofMillis(11));
        assertThat(d.cost()).isEqualByComparingTo("0.0042");
        assertThat(d.deployment()).isEqualTo("gpt-backup");
        assertThat(d.timeToFirstToken()).isEqualTo(Duration.ofMillis(10));
    }
}
