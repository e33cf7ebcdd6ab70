package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.ok;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.BadRequestException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private Llmux llmux(boolean cache) {
        fx.provider.script("a", ok("one"), ok("two"), ok("three"), ok("four"));
        return fx.llmux(fx.router().deployment(dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().cacheResponses(cache).cacheTtl(Duration.ofMinutes(10)).build()).build());
    }

    private static ChatRequest ask(String text, Map<String, Object> cache) {
        ChatRequest.Builder b = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user(text)));
        if (!cache.isEmpty()) {
            b.extra("cache", cache);
        }
        return b.build();
    }

    private String text(Llmux llmux, ChatRequest r) {
        return llmux.chatAsync(r).block(Duration.ofSeconds(5)).text();
    }

    @Test
    void should_not_cache_by_default() {
        Llmux llmux = llmux(false);
        assertThat(text(llmux, ask("q", Map.of()))).isEqualTo("one");
        assertThat(text(llmux, ask("q", Map.of()))).isEqualTo("two");
    }

    @Test
    void should_answer_the_same_request_from_the_cache() {
        Llmux llmux = llmux(true);

        ChatResponse first = llmux.chatAsync(ask("q", Map.of())).block(Duration.ofSeconds(5));
        ChatResponse second = llmux.chatAsync(ask("q", Map.of())).block(Duration.ofSeconds(5));

        assertThat(second.text()).isEqualTo("one");
        assertThat(first.callInfo().cacheHit()).isFalse();
        assertThat(second.callInfo().cacheHit()).isTrue();
        assertThat(second.callInfo().cost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(text(llmux, ask("another question", Map.of()))).isEqualTo("two");
        assertThat(fx.provider.calls("a")).isEqualTo(2);
        assertThat(fx.events).contains("cache hit g");
    }

    @Test
    void should_expire_entries_after_their_ttl() {
        Llmux llmux = llmux(true);
        text(llmux, ask("q", Map.of()));
        fx.vts.advanceTimeBy(Duration.ofMinutes(10));
        assertThat(text(llmux, ask("q", Map.of()))).isEqualTo("two");
    }

    @Test
    void should_honour_per_request_controls() {
        Llmux llmux = llmux(true);
        assertThat(text(llmux, ask("q", Map.of("ttl", 30)))).isEqualTo("one");
        assertThat(text(llmux, ask("q", Map.of("no-cache", true)))).as("skips the lookup, stores the answer").isEqualTo("two");
        assertThat(text(llmux, ask("q", Map.of()))).isEqualTo("two");
        assertThat(text(llmux, ask("q", Map.of("no-store", true, "no-cache", true)))).isEqualTo("three");
        assertThat(text(llmux, ask("q", Map.of()))).isEqualTo("two");
        fx.vts.advanceTimeBy(Duration.ofSeconds(20));
        assertThat(text(llmux, ask("q", Map.of("s-maxage", 10)))).as("too old for this caller").isEqualTo("four");
        // the cache control never reaches the provider
        assertThat(fx.provider.received).allSatisfy(r -> assertThat(r.request().extra()).doesNotContainKey("cache"));
    }

    @Test
    void should_keep_namespaces_apart() {
        Llmux llmux = llmux(true);
        assertThat(text(llmux, ask("q", Map.of("namespace", "team-a")))).isEqualTo("one");
        assertThat(text(llmux, ask("q", Map.of("namespace", "team-b")))).isEqualTo("two");
        assertThat(text(llmux, ask("q", Map.of("namespace", "team-a")))).isEqualTo("one");
    }

    @Test
    void should_reject_unknown_cache_controls() {
        Llmux llmux = llmux(true);
        assertThatThrownBy(() -> text(llmux, ask("q", Map.of("max-age", 3))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unknown cache control \"max-age\"");
    }
}
