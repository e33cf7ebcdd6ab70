package dev.llmux.router;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A provider ({@code fake/<model>}) whose answers are scripted per model: each call takes the next step of that
 * model's script (the last step repeats). Records every call it receives.
 */
public final class FaultyProvider implements Provider {

    /** What one call does. */
    public interface Step extends Function<FaultyProvider.Ctx, Object> {}

    public record Ctx(ChatRequest request, ProviderCall call, Scheduler scheduler) {}

    /** One received call. */
    public record Received(String model, ProviderCall call, ChatRequest request, boolean stream) {}

    private final Scheduler scheduler;
    private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
    public final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());

    public FaultyProvider(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public FaultyProvider script(String model, Step... steps) {
        scripts.put(model, new ArrayDeque<>(List.of(steps)));
        return this;
    }

    public List<String> calledModels() {
        synchronized (received) {
            return received.stream().map(Received::model).toList();
        }
    }

    public long calls(String model) {
        return calledModels().stream().filter(model::equals).count();
    }

    private Step next(String model) {
        Deque<Step> d = scripts.get(model);
        if (d == null || d.isEmpty()) {
            return ok("hello from " + model);
        }
        synchronized (d) {
            return d.size() > 1 ? d.poll() : d.peek();
        }
    }

    @Override
    public Set<String> ids() {
        return Set.of("fake");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return Set.of("tools", "tool_choice", "response_format", "temperature", "max_tokens", "max_completion_tokens", "stream_options",
                "user", "metadata");
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            received.add(new Received(call.model(), call, request, false));
            Object r = next(call.model()).apply(new Ctx(request, call, scheduler));
            return asMono(r);
        });
    }

    @SuppressWarnings("unchecked")
    private static Mono<ChatResponse> asMono(Object r) {
        if (r instanceof LlmuxException e) {
            return Mono.error(e);
        }
        if (r instanceof Mono<?> m) {
            return (Mono<ChatResponse>) m;
        }
        if (r instanceof Flux<?> f) {
            return ((Flux<ChatChunk>) f).collectList().map(chunks -> response(chunks.get(0).model(),
                    chunks.stream().map(c -> c.text() == null ? "" : c.text()).reduce("", String::concat), Usage.of(10, 5)));
        }
        return Mono.just((ChatResponse) r);
    }

    /** Embeddings follow the same script: an error step fails, anything else answers one vector. */
    @Override
    public Mono<dev.llmux.api.EmbeddingResponse> embed(dev.llmux.api.EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            received.add(new Received(call.model(), call, ChatRequest.builder().model(call.model()).messages(List.of(ChatMessage.user("embed"))).build(), false));
            Object r = next(call.model()).apply(new Ctx(ChatRequest.builder().model(call.model()).messages(List.of(ChatMessage.user("embed"))).build(), call, scheduler));
            if (r instanceof LlmuxException e) {
                return Mono.error(e);
            }
            return Mono.just(dev.llmux.api.EmbeddingResponse.of(List.of(dev.llmux.api.EmbeddingResponse.Embedding.of(0, new float[] {1f, 0f})),
                    call.model(), new dev.llmux.api.EmbeddingResponse.EmbeddingUsage(3, 3)));
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            received.add(new Received(call.model(), call, request, true));
            Object r = next(call.model()).apply(new Ctx(request, call, scheduler));
            if (r instanceof LlmuxException e) {
                return Flux.error(e);
            }
            if (r instanceof Flux<?> f) {
                return (Flux<ChatChunk>) f;
            }
            return asMono(r).flatMapMany(res -> Flux.just(
                    ChatChunk.of("s", 1, res.model(), ChatChunk.Delta.content(res.text()), null),
                    ChatChunk.of("s", 1, res.model(), ChatChunk.Delta.EMPTY, FinishReason.STOP),
                    ChatChunk.of("s", 1, res.model(), List.of(), res.usage())));
        });
    }

    // ---- steps

    public static ChatResponse response(String model, String text, Usage usage) {
        return ChatResponse.of("r-" + model, 1, model, List.of(Choice.of(ChatMessage.assistant(text), FinishReason.STOP)), usage);
    }

    public static Step ok(String text) {
        return c -> response(c.call().model(), text, Usage.of(10, 5));
    }

    public static Step okWithUsage(String text, int prompt, int completion) {
        return c -> response(c.call().model(), text, Usage.of(prompt, completion));
    }

    public static Step slow(Duration delay, String text) {
        return c -> Mono.delay(delay, c.scheduler()).map(x -> response(c.call().model(), text, Usage.of(10, 5)));
    }

    public static Step hang() {
        return c -> Mono.never();
    }

    public static Step rateLimited(Duration retryAfter) {
        return c -> new RateLimitException("rate limited", details(c, 429).withRetryAfter(retryAfter), false);
    }

    public static Step quotaExhausted() {
        return c -> new RateLimitException("insufficient quota", details(c, 429), true);
    }

    public static Step serverError() {
        return c -> new InternalServerException("boom", details(c, 500));
    }

    public static Step unavailable(int status) {
        return c -> new ServiceUnavailableException(status == 529 ? "overloaded" : "unavailable", details(c, status));
    }

    public static Step connectionReset() {
        return c -> new ApiConnectionException("connection reset by peer", details(c, 500));
    }

    public static Step unauthorized() {
        return c -> new AuthenticationException("invalid api key", details(c, 401));
    }

    public static Step contextWindow() {
        return c -> new ContextWindowExceededException("prompt is too long", details(c, 400));
    }

    public static Step contentPolicy() {
        return c -> new ContentPolicyViolationException("flagged", details(c, 400));
    }

    /** Streams {@code parts} as content chunks, then dies with a cut connection instead of finishing. */
    public static Step streamDyingAfter(String... parts) {
        return c -> Flux.fromArray(parts)
                .map(p -> ChatChunk.of("s", 1, c.call().model(), ChatChunk.Delta.content(p), null))
                .concatWith(Flux.error(new ApiConnectionException("stream ended without its terminator", details(c, 500))));
    }

    /** A stream whose first chunk arrives after {@code delay}. */
    public static Step slowFirstChunk(Duration delay, String text) {
        return c -> Flux.just(ChatChunk.of("s", 1, c.call().model(), ChatChunk.Delta.content(text), null),
                        ChatChunk.of("s", 1, c.call().model(), ChatChunk.Delta.EMPTY, FinishReason.STOP),
                        ChatChunk.of("s", 1, c.call().model(), List.of(), Usage.of(10, 5)))
                .delaySubscription(delay, c.scheduler());
    }

    private static ErrorDetails details(Ctx c, int status) {
        return ErrorDetails.of("fake", c.call().model(), status);
    }
}
