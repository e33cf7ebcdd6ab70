package dev.llmux.provider.openai;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.provider.openai.internal.OpenAiDialect;
import dev.llmux.provider.openai.internal.OpenAiEndpoint;
import dev.llmux.provider.openai.internal.OpenAiParams;
import dev.llmux.provider.openai.internal.OpenAiReasoningModels;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * OpenAI's Chat Completions and Embeddings APIs ({@code openai/<model>}), also usable for any server that speaks
 * them exactly ({@code custom_openai/<model>} with {@code api_base}).
 *
 * <p>Settings: {@code api_key} (else {@code OPENAI_API_KEY}), {@code api_base} (else {@code OPENAI_BASE_URL} or
 * {@code OPENAI_API_BASE}, else {@value #DEFAULT_BASE_URL}), {@code organization} (else
 * {@code OPENAI_ORGANIZATION}) and {@code project} (else {@code OPENAI_PROJECT}). With a custom {@code api_base} the
 * key is optional: local servers often take none.
 *
 * <p>The request body is the request's own JSON; the one rewrite is for reasoning models (o-series, gpt-5), which
 * refuse {@code max_tokens}: it is sent as {@code max_completion_tokens}.
 */
public final class OpenAiProvider implements Provider {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    private static final Set<String> IDS = new LinkedHashSet<>(List.of("openai", "custom_openai"));

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
        return Mono.defer(() -> endpoint(call).chat(request, call));
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> endpoint(call).stream(request, call));
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> endpoint(call).embed(request, call));
    }

    private static OpenAiEndpoint endpoint(ProviderCall call) {
        String configuredBase = call.setting("api_base", "OPENAI_BASE_URL", "OPENAI_API_BASE");
        String base = configuredBase != null ? configuredBase : DEFAULT_BASE_URL;
        Map<String, String> headers = new LinkedHashMap<>();
        String key = configuredBase == null ? call.requireApiKey("OPENAI_API_KEY") : call.setting("api_key", "OPENAI_API_KEY");
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        String organization = call.setting("organization", "OPENAI_ORGANIZATION");
        if (organization != null) {
            headers.put("OpenAI-Organization", organization);
        }
        String project = call.setting("project", "OPENAI_PROJECT");
        if (project != null) {
            headers.put("OpenAI-Project", project);
        }
        OpenAiDialect dialect = OpenAiReasoningModels.isReasoningModel(call.model()) ? OpenAiReasoningModels.DIALECT : OpenAiDialect.OPENAI;
        return OpenAiEndpoint.of(base, headers, dialect, call);
    }

    @Override
    public String toString() {
        return "OpenAiProvider" + IDS;
    }
}
