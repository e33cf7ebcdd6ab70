package dev.llmux.provider.vertex;

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
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.provider.anthropic.AnthropicCodec;
import dev.llmux.provider.vertex.internal.VertexAuth;
import dev.llmux.provider.vertex.internal.VertexClaude;
import dev.llmux.provider.vertex.internal.VertexEndpoints;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Google Cloud Vertex AI ({@code vertex_ai/<model>}): Gemini through {@code publishers/google}
 * ({@code :generateContent}, {@code :streamGenerateContent?alt=sse}, embeddings through {@code :predict}).
 *
 * <p>Settings: {@code vertex_project} ({@code VERTEXAI_PROJECT}, else the credentials' project),
 * {@code vertex_location} ({@code VERTEXAI_LOCATION}, default {@value VertexEndpoints#DEFAULT_LOCATION};
 * {@code global} uses the global host), {@code api_base}; credentials as {@link VertexAuth} describes. The request
 * mapping is the Gemini one, plus the {@code labels} extra.
 *
 * <p>Claude ({@code vertex_ai/claude-…}) goes to {@code publishers/anthropic} with Anthropic's Messages body
 * ({@link VertexClaude}).
 */
public final class VertexProvider implements Provider {

    private final VertexAuth auth = new VertexAuth();
    private final VertexClaude claude;

    /** An adapter that reads Claude's max output tokens from the bundled catalog. */
    public VertexProvider() {
        this(ModelCatalog.bundled());
    }

    /** @param catalog where a Claude model's max output tokens (its default {@code max_tokens}) are looked up */
    public VertexProvider(ModelCatalog catalog) {
        this.claude = new VertexClaude(Objects.requireNonNull(catalog, "catalog"));
    }

    @Override
    public Set<String> ids() {
        return Set.of("vertex_ai");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return VertexClaude.isClaude(model) ? AnthropicCodec.supportedParams(model) : GeminiRequestMapper.supportedParams(model);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        if (VertexClaude.isClaude(call.model())) {
            return claude.chat(request, call, Mono.defer(() -> auth.resolve(call)));
        }
        return Mono.defer(() -> {
            byte[] body = GeminiCalls.body(request, call, true);
            return auth.resolve(call).flatMap(a -> GeminiCalls.chat(call,
                    uri(call, a, "generateContent"), Mono.just(a.headers()), body));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        if (VertexClaude.isClaude(call.model())) {
            return claude.stream(request, call, Mono.defer(() -> auth.resolve(call)));
        }
        return Flux.defer(() -> {
            byte[] body = GeminiCalls.body(request, call, true);
            return auth.resolve(call).flatMapMany(a -> GeminiCalls.stream(call,
                    uri(call, a, "streamGenerateContent?alt=sse"), Mono.just(a.headers()), body));
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            byte[] body;
            try {
                body = Json.write(GeminiEmbeddings.predictBody(request));
            } catch (IllegalArgumentException e) {
                return Mono.error(GeminiCalls.badRequest(call, e));
            }
            return auth.resolve(call).flatMap(a -> ProviderHttp.send(call,
                            HttpRequest.postJson(uri(call, a, "predict"), a.headers(), body), (head, b) -> GeminiErrors.map(call, head, b)))
                    .map(res -> {
                        EmbeddingResponse out = GeminiEmbeddings.fromPredict(ProviderHttp.parse(call, res.body(), JsonNode.class), call.model());
                        if (out == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("no predictions[].embeddings.values in the response"));
                        }
                        return out;
                    });
        });
    }

    private static URI uri(ProviderCall call, VertexAuth.Auth a, String method) {
        return VertexEndpoints.uri(call, VertexEndpoints.project(call, a.credentialsProject()), "google", call.model(), method);
    }

}
