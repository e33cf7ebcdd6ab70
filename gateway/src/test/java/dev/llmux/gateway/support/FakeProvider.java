package dev.llmux.gateway.support;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider with id {@code fake} that answers locally, by model name: {@code echo} repeats the last user text (or
 * calls the first tool, or answers JSON when a schema is asked for), {@code hang} never answers (and counts
 * cancellations), {@code overloaded} fails with 503, {@code ratelimited} with 429. Usage is always 10 prompt
 * (4 of them cached) and 5 completion tokens, costed at {@link #COST}.
 */
public final class FakeProvider implements Provider {

    public static final BigDecimal COST = new BigDecimal("0.00002");

    public final List<ChatRequest> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger cancelled = new AtomicInteger();
    public volatile Duration delay = Duration.ZERO;

    @Override
    public Set<String> ids() {
        return Set.of("fake");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return Set.of("tools", "tool_choice", "response_format", "temperature", "max_tokens", "max_completion_tokens", "stream",
                "stream_options", "user", "metadata", "stop", "top_p", "n", "seed", "parallel_tool_calls");
    }

    public static Usage usage() {
        return Usage.of(10, 5, 4, 0, 0).withCost(COST);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        received.add(request);
        return switch (call.model()) {
            case "hang" -> Mono.<ChatResponse>never().doOnCancel(cancelled::incrementAndGet);
            case "overloaded" -> Mono.error(new ServiceUnavailableException("fake is overloaded", ErrorDetails.of("fake", call.model(), 503)));
            case "ratelimited" -> Mono.error(new RateLimitException("fake says slow down",
                    ErrorDetails.of("fake", call.model(), 429).withRetryAfter(Duration.ofSeconds(7)), false));
            default -> Mono.just(answer(request, call.model())).delayElement(delay);
        };
    }

    private static ChatResponse answer(ChatRequest request, String model) {
        ChatMessage.AssistantMessage message;
        FinishReason finish = FinishReason.STOP;
        if (!request.toolsOrEmpty().isEmpty()) {
            String name = request.toolsOrEmpty().get(0).function().name();
            message = ChatMessage.AssistantMessage.builder()
                    .toolCalls(List.of(ToolCall.function("call_1", name, "{\"city\":\"Cape Town\"}"))).build();
            finish = FinishReason.TOOL_CALLS;
        } else if (request.responseFormat() != null && !"text".equals(request.responseFormat().type())) {
            message = ChatMessage.assistant("{\"answer\":42}");
        } else {
            message = ChatMessage.assistant("echo: " + lastUserText(request));
        }
        return ChatResponse.of("chatcmpl-fake", 1_700_000_000L, model, List.of(Choice.of(message, finish)), usage());
    }

    static String lastUserText(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            if (request.messages().get(i) instanceof ChatMessage.UserMessage u) {
                return u.content().text();
            }
        }
        return "";
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        received.add(request);
        String id = "chatcmpl-fake";
        long t = 1_700_000_000L;
        String model = call.model();
        if (model.equals("hang")) {
            return Flux.concat(Flux.just(ChatChunk.of(id, t, model, ChatChunk.Delta.role("assistant"), null)), Flux.never())
                    .doOnCancel(cancelled::incrementAndGet);
        }
        if (model.equals("overloaded")) {
            return Flux.error(new ServiceUnavailableException("fake is overloaded", ErrorDetails.of("fake", model, 503)));
        }
        if (model.equals("cut")) {
            return Flux.concat(Flux.just(ChatChunk.of(id, t, model, ChatChunk.Delta.content("partial"), null)),
                    Flux.error(new dev.llmux.error.ApiConnectionException("fake stream was cut",
                            ErrorDetails.of("fake", model, 500), null)));
        }
        String text = "echo: " + lastUserText(request);
        return Flux.just(
                        ChatChunk.of(id, t, model, ChatChunk.Delta.role("assistant"), null),
                        ChatChunk.of(id, t, model, ChatChunk.Delta.content(text.substring(0, 6)), null),
                        ChatChunk.of(id, t, model, ChatChunk.Delta.content(text.substring(6)), null),
                        ChatChunk.of(id, t, model, ChatChunk.Delta.EMPTY, FinishReason.STOP),
                        ChatChunk.of(id, t, model, List.of(), usage()))
                .delaySubscription(delay);
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        List<EmbeddingResponse.Embedding> data = new java.util.ArrayList<>();
        for (int i = 0; i < request.input().size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, new float[] {0.25f, -0.5f, i}));
        }
        return Mono.just(EmbeddingResponse.of(data, call.model(), new EmbeddingResponse.EmbeddingUsage(3, 3)));
    }

    /** Keeps the unchecked-map warning away from callers building tool parameters. */
    public static Map<String, Object> objectSchema() {
        return Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"));
    }
}
