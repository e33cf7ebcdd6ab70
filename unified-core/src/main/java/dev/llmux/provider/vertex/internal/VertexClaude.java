package dev.llmux.provider.vertex.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.provider.anthropic.AnthropicCodec;
import dev.llmux.provider.anthropic.AnthropicRequest;
import dev.llmux.provider.anthropic.internal.AnthropicStreams;
import dev.llmux.provider.gemini.internal.GeminiErrors;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.ResponseHead;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Claude on Vertex AI ({@code vertex_ai/claude-…}): Anthropic's Messages body from {@link AnthropicCodec}, without
 * {@code model} and with {@code anthropic_version: vertex-2023-10-16}, posted to
 * {@code publishers/anthropic/models/{model}:rawPredict} ({@code :streamRawPredict} for streams).
 *
 * <p>Errors come in two shapes: Anthropic's own ({@code {"type":"error","error":{"type",…}}}) when Claude rejects
 * the request, and Google's RPC shape when Vertex does (auth, quota, unknown model); each goes to its own mapper.
 */
public final class VertexClaude {

    public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final ModelCatalog catalog;

    public VertexClaude(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** True for the models Vertex serves through Anthropic's publisher. */
    public static boolean isClaude(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("claude");
    }

    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call, Mono<VertexAuth.Auth> auth) {
        return Mono.defer(() -> {
            AnthropicRequest req = AnthropicCodec.toRequest(request, call, info(call)).forHost(ANTHROPIC_VERSION);
            return auth.flatMap(a -> ProviderHttp.send(call, http(call, a, req, "rawPredict"), (head, body) -> error(call, head, body)))
                    .map(res -> AnthropicCodec.toResponse(req, res.body(), call));
        });
    }

    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call, Mono<VertexAuth.Auth> auth) {
        return Flux.defer(() -> {
            AnthropicRequest req = AnthropicCodec.toRequest(request, call, info(call)).forHost(ANTHROPIC_VERSION).streaming();
            return auth.flatMapMany(a -> {
                HttpRequest http = http(call, a, req, "streamRawPredict").withHeader("Accept", "text/event-stream");
                Flux<byte[]> body = ProviderHttp.stream(call, http, (head, bytes) -> error(call, head, bytes));
                return AnthropicStreams.fromSse(req.jsonToolMode(), body, call);
            });
        });
    }

    private static HttpRequest http(ProviderCall call, VertexAuth.Auth a, AnthropicRequest req, String method) {
        URI uri = VertexEndpoints.uri(call, VertexEndpoints.project(call, a.credentialsProject()), "anthropic", call.model(), method);
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        if (!req.betas().isEmpty()) {
            headers.put("anthropic-beta", String.join(",", req.betas()));
        }
        return HttpRequest.postJson(uri, headers, req.json());
    }

    /** A model id with a Vertex version suffix ({@code claude-sonnet-4-5@20250929}) is looked up without it too. */
    private @Nullable ModelInfo info(ProviderCall call) {
        String model = call.model();
        String bare = model.contains("@") ? model.substring(0, model.indexOf('@')) : model;
        return catalog.find("vertex_ai", model)
                .or(() -> catalog.find("anthropic", bare))
                .orElse(null);
    }

    private static LlmuxException error(ProviderCall call, ResponseHead head, byte[] body) {
        return isAnthropicError(body) ? AnthropicCodec.toError(call, head, body) : GeminiErrors.map(call, head, body);
    }

    private static boolean isAnthropicError(byte[] body) {
        try {
            JsonNode node = Json.tree(body);
            return "error".equals(Json.text(node, "type")) || node.path("error").path("type").isString();
        } catch (JacksonException e) {
            return false;
        }
    }
}
