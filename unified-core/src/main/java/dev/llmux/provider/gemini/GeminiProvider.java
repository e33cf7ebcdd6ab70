package dev.llmux.provider.gemini;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.provider.gemini.internal.GeminiCalls;
import dev.llmux.provider.gemini.internal.GeminiEmbeddings;
import dev.llmux.provider.gemini.internal.GeminiErrors;
import dev.llmux.provider.gemini.internal.GeminiRequestMapper;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Google AI Studio's Gemini API ({@code gemini/<model>}): {@code models/{model}:generateContent},
 * {@code :streamGenerateContent?alt=sse}, {@code :embedContent} and {@code :batchEmbedContents} under
 * {@code v1beta}.
 *
 * <p>Settings: {@code api_key} (else {@code GEMINI_API_KEY}, then {@code GOOGLE_API_KEY}), sent as
 * {@code x-goog-api-key}; {@code api_base} replaces {@value #DEFAULT_BASE}. Request extras: {@code top_k},
 * {@code safety_settings}, {@code cached_content}, {@code thinking} (Anthropic-shaped budget),
 * {@code response_modalities}, {@code image_config}; embedding extra {@code task_type}.
 */
public final class GeminiProvider implements Provider {

    public static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";

    @Override
    public Set<String> ids() {
        return Set.of("gemini");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return GeminiRequestMapper.supportedParams(model);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> GeminiCalls.chat(call, uri(call, "generateContent"), headers(call), GeminiCalls.body(request, call, false)));
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> GeminiCalls.stream(call, uri(call, "streamGenerateContent?alt=sse"), headers(call),
                GeminiCalls.body(request, call, false)));
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            String model = modelName(call.model());
            byte[] body;
            boolean single;
            try {
                single = GeminiEmbeddings.texts(request).size() == 1;
                body = Json.write(single ? GeminiEmbeddings.embedContentBody(request, model) : GeminiEmbeddings.batchBody(request, model));
            } catch (IllegalArgumentException e) {
                return Mono.error(GeminiCalls.badRequest(call, e));
            }
            URI uri = uri(call, single ? "embedContent" : "batchEmbedContents");
            return headers(call)
                    .flatMap(h -> ProviderHttp.send(call, HttpRequest.postJson(uri, h, body), (head, b) -> GeminiErrors.map(call, head, b)))
                    .map(res -> {
                        EmbeddingResponse out = GeminiEmbeddings.fromGemini(ProviderHttp.parse(call, res.body(), tools.jackson.databind.JsonNode.class), model);
                        if (out == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("no embedding values in the response"));
                        }
                        return out;
                    });
        });
    }

    private static Mono<Map<String, String>> headers(ProviderCall call) {
        return Mono.fromSupplier(() -> Map.of("x-goog-api-key", call.requireApiKey("GEMINI_API_KEY", "GOOGLE_API_KEY")));
    }

    private static URI uri(ProviderCall call, String method) {
        String base = call.setting("api_base");
        base = base == null ? DEFAULT_BASE : base.replaceAll("/+$", "");
        return URI.create(base + "/v1beta/models/" + modelName(call.model()) + ":" + method);
    }

    /** {@code models/gemini-2.5-flash} and {@code gemini-2.5-flash} name the same model. */
    private static String modelName(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }
}
