package dev.llmux.provider.mock;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.provider.mock.internal.MockAnswer;
import dev.llmux.provider.mock.internal.MockResponder;
import dev.llmux.provider.mock.internal.TokenEstimate;
import dev.llmux.provider.openai.internal.OpenAiParams;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers locally, never touching the network, like LiteLLM's {@code mock_response}: {@code mock/<any-name>}.
 *
 * <p>What it answers comes from the request's extra field {@code mock_response}, else the setting
 * {@code mock_response}, else {@value MockAnswer#DEFAULT_TEXT}:
 * <ul>
 *   <li>a string → that text (streams arrive a couple of words per chunk, then a usage chunk);
 *   <li>a JSON object or array ({@code {"name":"f","arguments":{…}}}, OpenAI's tool-call shape, or
 *       {@code {"tool_calls":[…]}}) → a tool-call answer;
 *   <li>an error name ({@code litellm.RateLimitError}, {@code rate_limit}, {@code timeout},
 *       {@code context_window_exceeded}, {@code content_policy_violation}, {@code service_unavailable}, …) → that
 *       llmux exception, to exercise retries and fallbacks.
 * </ul>
 * Usage is estimated from the text (about four characters per token). {@code mock_latency_ms} (extra field or
 * setting) delays the answer. No key is needed. Embeddings are deterministic vectors derived from the text.
 */
public final class MockProvider implements Provider {

    private static final Set<String> IDS = new LinkedHashSet<>(List.of("mock"));
    private static final int EMBEDDING_DIMENSIONS = 8;

    @Override
    public Set<String> ids() {
        return IDS;
    }

    @Override
    public Set<String> supportedParams(String model) {
        return OpenAiParams.ALL;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            MockAnswer answer = answer(request, call);
            ChatResponse response = MockResponder.response(request, call.model(), call.clock().millis() / 1000, answer);
            return delayed(Mono.just(response), latency(request, call));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            MockAnswer answer = answer(request, call);
            List<ChatChunk> chunks = MockResponder.chunks(request, call.model(), call.clock().millis() / 1000, answer);
            return delayed(Mono.just(chunks), latency(request, call)).flatMapIterable(c -> c);
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.fromSupplier(() -> {
            List<String> inputs = request.input().texts().isEmpty()
                    ? request.input().tokens().stream().map(String::valueOf).toList()
                    : request.input().texts();
            int dims = request.dimensions() == null ? EMBEDDING_DIMENSIONS : request.dimensions();
            List<EmbeddingResponse.Embedding> data = new ArrayList<>();
            int tokens = 0;
            for (int i = 0; i < inputs.size(); i++) {
                data.add(EmbeddingResponse.Embedding.of(i, vector(inputs.get(i), dims)));
                tokens += TokenEstimate.ofText(inputs.get(i));
            }
            return EmbeddingResponse.of(data, call.model(), new EmbeddingResponse.EmbeddingUsage(tokens, tokens));
        });
    }

    /** A unit vector seeded by the text, so equal texts embed equally. */
    private static float[] vector(String text, int dims) {
        java.util.Random random = new java.util.Random(text.hashCode());
        float[] v = new float[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dims; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private static MockAnswer answer(ChatRequest request, ProviderCall call) {
        Object value = request.extra().get("mock_response");
        if (value == null) {
            value = call.settings().get("mock_response");
        }
        MockAnswer answer = MockAnswer.of(value, call.provider(), call.model());
        if (answer instanceof MockAnswer.Failure f) {
            throw f.error();
        }
        return answer;
    }

    private static @Nullable Duration latency(ChatRequest request, ProviderCall call) {
        Object value = request.extra().get("mock_latency_ms");
        String text = value != null ? String.valueOf(value) : call.settings().get("mock_latency_ms");
        if (text == null) {
            return null;
        }
        try {
            long ms = (long) Double.parseDouble(text.strip());
            if (ms < 0) {
                throw new NumberFormatException();
            }
            return ms == 0 ? null : Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new BadRequestException("mock_latency_ms must be a non-negative number of milliseconds, was \"" + text + "\"",
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "mock_latency_ms"));
        }
    }

    private static <T> Mono<T> delayed(Mono<T> value, @Nullable Duration latency) {
        return latency == null ? value : value.delayElement(latency);
    }

    @Override
    public String toString() {
        return "MockProvider" + IDS;
    }
}
