package dev.llmux.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void should_grow_exponentially_up_to_the_max() {
        Backoff b = Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(8)).withJitter(0);
        assertThat(List.of(b.delay(1, 0.5), b.delay(2, 0.5), b.delay(3, 0.5), b.delay(5, 0.5), b.delay(9, 0.5)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void should_jitter_within_its_bounds() {
        Backoff b = Backoff.DEFAULT;
        assertThat(b.delay(2, 0.0)).isEqualTo(Duration.ofMillis(750));
        assertThat(b.delay(2, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(2, 0.999999)).isEqualTo(Duration.ofMillis(1250));
    }

    @Test
    void should_name_bad_values() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, Duration.ZERO))
                .hasMessage("backoff max PT1S is below initial PT2S");
        assertThatThrownBy(() -> Backoff.DEFAULT.withJitter(1.5)).hasMessage("backoff jitter must be in [0, 1), was 1.5");
        assertThatThrownBy(() -> RetryPolicy.of(-1)).hasMessage("numRetries must be >= 0, was -1");
        assertThatThrownBy(() -> Deployment.builder("g", "m").rpm(-5).build()).hasMessageContaining("rpm must be >= 0, was -5");
        assertThatThrownBy(() -> Router.builder().build()).hasMessage("a router needs at least one deployment");
        assertThatThrownBy(() -> Router.builder().deployment(Deployment.of("g", "openai/a")).deployment(Deployment.of("g", "openai/a")).build())
                .hasMessageContaining("two deployments share the id");
        assertThatThrownBy(() -> RoutingStrategy.parse("random")).hasMessageContaining("unknown routing strategy \"random\"");
    }

    @Test
    void should_estimate_tokens_by_characters_or_by_bpe() {
        ChatRequest r = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("Hello there, how are you today?"))).build();
        assertThat(TokenEstimator.charsPerToken().promptTokens(r)).isEqualTo(3 + 4 + 8);
        assertThat(TokenEstimator.bpe().promptTokens(r)).isBetween(8, 20);
    }
}
