package dev.llmux.router;

import static dev.llmux.router.FaultyProvider.*;
import static dev.llmux.router.RouterFixture.ask;
import static dev.llmux.router.RouterFixture.dep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ContentPart;
import dev.llmux.api.Tool;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingStrategyTest {

    private final RouterFixture fx = new RouterFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    private Llmux with(RoutingStrategy strategy, Deployment... deployments) {
        return fx.llmux(fx.router().deployments(List.of(deployments))
                .settings(RouterSettings.builder().strategy(strategy).backoff(Backoff.NONE).build()).build());
    }

    private String deploymentOf(Llmux llmux, ChatRequest request) {
        return llmux.chatAsync(request).block(Duration.ofSeconds(5)).callInfo().deployment();
    }

    @Test
    void should_shuffle_by_weight() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, Deployment.builder("g", "fake/a").id("a").weight(9).build(),
                Deployment.builder("g", "fake/b").id("b").weight(1).build());

        for (int i = 0; i < 1000; i++) {
            deploymentOf(llmux, ask("g"));
        }

        assertThat(fx.provider.calls("a")).isBetween(850L, 950L);
        assertThat(fx.provider.calls("b")).isBetween(50L, 150L);
    }

    @Test
    void should_shuffle_by_rpm_when_no_weight_is_set() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, Deployment.builder("g", "fake/a").id("a").rpm(100_000).build(),
                Deployment.builder("g", "fake/b").id("b").rpm(300_000).build());

        for (int i = 0; i < 1000; i++) {
            deploymentOf(llmux, ask("g"));
        }

        assertThat(fx.provider.calls("b")).isBetween(680L, 820L);
    }

    @Test
    void should_pick_the_least_busy_deployment() {
        fx.provider.script("a", hang());
        fx.provider.script("b", hang());
        Llmux llmux = with(RoutingStrategy.LEAST_BUSY, dep("g", "fake/a", "a"), dep("g", "fake/b", "b"));

        for (int i = 1; i <= 6; i++) {
            llmux.chatAsync(ask("g")).subscribe();
            // whichever went first, the calls in flight never differ by more than one
            assertThat(Math.abs(fx.provider.calls("a") - fx.provider.calls("b"))).isLessThanOrEqualTo(1);
        }
        assertThat(fx.provider.calls("a")).isEqualTo(3);
    }

    @Test
    void should_prefer_the_lowest_latency_after_trying_each_deployment() {
        fx.provider.script("a", slow(Duration.ofSeconds(3), "slow"));
        fx.provider.script("b", slow(Duration.ofMillis(500), "fast"));
        Llmux llmux = with(RoutingStrategy.LATENCY_BASED, dep("g", "fake/a", "a"), dep("g", "fake/b", "b"));

        for (int i = 0; i < 8; i++) {
            CompletableFuture<ChatResponse> f = llmux.chatAsync(ask("g")).toFuture();
            fx.vts.advanceTimeBy(Duration.ofSeconds(3));
            assertThat(f).isCompleted();
        }

        // one exploratory call each, then always the faster one
        assertThat(fx.provider.calls("a")).isEqualTo(1);
        assertThat(fx.provider.calls("b")).isEqualTo(7);
    }

    @Test
    void should_prefer_time_to_first_token_for_streams() {
        fx.provider.script("a", slowFirstChunk(Duration.ofSeconds(2), "x"));
        fx.provider.script("b", slowFirstChunk(Duration.ofMillis(100), "y"));
        Llmux llmux = with(RoutingStrategy.LATENCY_BASED, dep("g", "fake/a", "a"), dep("g", "fake/b", "b"));

        for (int i = 0; i < 6; i++) {
            var f = llmux.stream(ask("g")).collectList().toFuture();
            fx.vts.advanceTimeBy(Duration.ofSeconds(2));
            assertThat(f).isCompleted();
        }

        assertThat(fx.provider.calls("b")).isEqualTo(5);
    }

    @Test
    void should_pick_the_deployment_with_the_most_headroom_for_usage_based_routing() {
        Router router = fx.router().deployment(Deployment.builder("g", "fake/a").id("a").tpm(100_000).build())
                .deployment(Deployment.builder("g", "fake/b").id("b").tpm(100_000).build())
                .settings(RouterSettings.builder().strategy(RoutingStrategy.USAGE_BASED).build()).build();
        Llmux llmux = fx.llmux(router);
        // some other instance spent 5,000 tokens on b this minute
        router.state().acquire("b", fx.clock.instant(), 0, 0, 5_000).block();

        for (int i = 0; i < 5; i++) {
            assertThat(deploymentOf(llmux, ask("g"))).isEqualTo("a");
        }
    }

    @Test
    void should_pick_the_cheapest_deployment_for_cost_based_routing() {
        Llmux llmux = with(RoutingStrategy.COST_BASED, dep("g", "fake/big", "big"), dep("g", "fake/cheap", "cheap"));
        for (int i = 0; i < 5; i++) {
            assertThat(deploymentOf(llmux, ask("g"))).isEqualTo("cheap");
        }
    }

    @Test
    void should_use_custom_prices_for_cost_based_routing() {
        Deployment discounted = Deployment.builder("g", "fake/big").id("big")
                .prices(new ModelPrices(BigDecimal.ZERO, new BigDecimal("0.00000001"), null, null)).build();
        Llmux llmux = with(RoutingStrategy.COST_BASED, discounted, dep("g", "fake/cheap", "cheap"));
        assertThat(deploymentOf(llmux, ask("g"))).isEqualTo("big");
    }

    @Test
    void should_try_lower_order_tiers_first() {
        fx.provider.script("a", serverError());
        Llmux llmux = fx.llmux(fx.router()
                .deployment(Deployment.builder("g", "fake/c").id("c").build())
                .deployment(Deployment.builder("g", "fake/b").id("b").order(2).build())
                .deployment(Deployment.builder("g", "fake/a").id("a").order(1).build())
                .settings(RouterSettings.builder().backoff(Backoff.NONE).cooldown(CooldownPolicy.DEFAULT.withAllowedFails(0)).build())
                .build());

        ChatResponse first = llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));
        ChatResponse second = llmux.chatAsync(ask("g")).block(Duration.ofSeconds(5));

        assertThat(first.callInfo().deployment()).isEqualTo("b");
        assertThat(second.callInfo().deployment()).isEqualTo("b");
        // a failed, then its tier-mate b answered; a is cooling so the second call started at b
        assertThat(fx.provider.calledModels()).containsExactly("a", "b", "b");
    }

    @Test
    void should_skip_deployments_whose_context_window_is_too_small() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, dep("g", "fake/small", "small"), dep("g", "fake/big", "big"));
        ChatRequest longPrompt = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("x".repeat(2_000)))).build();

        for (int i = 0; i < 5; i++) {
            assertThat(deploymentOf(llmux, longPrompt)).isEqualTo("big");
        }
    }

    @Test
    void should_fail_before_calling_when_no_context_window_fits() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, dep("g", "fake/small", "small"));
        ChatRequest longPrompt = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("x".repeat(2_000)))).build();

        assertThatThrownBy(() -> llmux.chatAsync(longPrompt).block(Duration.ofSeconds(5)))
                .isInstanceOf(ContextWindowExceededException.class)
                .hasMessageContaining("about 507 prompt tokens, the largest context window is 100");
        assertThat(fx.provider.received).isEmpty();
    }

    @Test
    void should_skip_deployments_without_a_needed_capability() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, dep("g", "fake/small", "small"), dep("g", "fake/big", "big"));
        ChatRequest vision = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user(
                new ContentPart.ImageUrl(new ContentPart.ImageUrl.Image("https://example.com/cat.png", null))))).build();

        for (int i = 0; i < 5; i++) {
            assertThat(deploymentOf(llmux, vision)).isEqualTo("big");
        }
    }

    @Test
    void should_refuse_a_request_no_deployment_can_serve() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, dep("g", "fake/a", "a"));
        ChatRequest tools = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("hi")))
                .tool(Tool.function("f", null, Map.of("type", "object"))).build();

        assertThatThrownBy(() -> llmux.chatAsync(tools).block(Duration.ofSeconds(5)))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("no deployment of group g supports tools, which this request needs");
    }

    @Test
    void should_give_models_missing_from_the_catalog_the_benefit_of_the_doubt() {
        Llmux llmux = with(RoutingStrategy.SIMPLE_SHUFFLE, dep("g", "fake/unknown-model", "u"));
        ChatRequest tools = ChatRequest.builder().model("g").messages(List.of(ChatMessage.user("hi")))
                .tool(Tool.function("f", null, Map.of("type", "object"))).build();
        assertThat(deploymentOf(llmux, tools)).isEqualTo("u");
    }

    @Test
    void should_route_a_group_alias() {
        Llmux llmux = fx.llmux(fx.router().deployment(dep("g", "fake/a", "a"))
                .settings(RouterSettings.builder().groupAlias("gpt-4", "g").build()).build());
        assertThat(deploymentOf(llmux, ask("gpt-4"))).isEqualTo("a");
    }
}
