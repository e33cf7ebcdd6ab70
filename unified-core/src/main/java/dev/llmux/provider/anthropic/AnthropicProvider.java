package dev.llmux.provider.anthropic;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.internal.provider.KnownUris;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Anthropic's Messages API ({@code POST {api_base}/v1/messages}) for models named {@code anthropic/<model>}.
 *
 * <p>Settings (LiteLLM's names where it has them): {@code api_key} (else {@code ANTHROPIC_API_KEY}),
 * {@code api_base} (else {@code ANTHROPIC_API_BASE} / {@code ANTHROPIC_BASE_URL}, else
 * {@code https://api.anthropic.com}; a base already ending in {@code /v1/messages} is used as is),
 * {@code anthropic_version} (default {@code 2023-06-01}), {@code anthropic_beta} (comma-separated values added
 * to those the request needs), and the translation settings of {@link AnthropicCodec}.
 *
 * <p>How each OpenAI field maps is documented on {@link AnthropicCodec} and the classes it delegates to.
 */
public final class AnthropicProvider implements Provider {

    public static final String ID = "anthropic";
    public static final String DEFAULT_API_BASE = "https://api.anthropic.com";
    public static final String API_VERSION = "2023-06-01";

    private static final String[] KEY_ENV = {"ANTHROPIC_API_KEY"};
    private static final String[] BASE_ENV = {"ANTHROPIC_API_BASE", "ANTHROPIC_BASE_URL"};

    private final ModelCatalog catalog;

    /** An adapter that reads max output tokens from the bundled catalog. */
    public AnthropicProvider() {
        this(ModelCatalog.bundled());
    }

    /** @param catalog where a model's max output tokens (the default {@code max_tokens}) are looked up */
    public AnthropicProvider(ModelCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public Set<String> supportedParams(String model) {
        return AnthropicCodec.supportedParams(model);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            AnthropicRequest req = AnthropicCodec.toRequest(request, call, info(call));
            return ProviderHttp.send(call, http(call, req), (head, body) -> AnthropicCodec.toError(call, head, body))
                    .map(res -> AnthropicCodec.toResponse(req, res.body(), call));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            AnthropicRequest req = AnthropicCodec.toRequest(request, call, info(call)).streaming();
            HttpRequest http = http(call, req).withHeader("Accept", "text/event-stream");
            Flux<byte[]> body = ProviderHttp.stream(call, http, (head, bytes) -> AnthropicCodec.toError(call, head, bytes));
            return AnthropicCodec.sseChunks(req, body, call);
        });
    }

    private @Nullable ModelInfo info(ProviderCall call) {
        return catalog.find(ID, call.model()).orElse(null);
    }

    private static HttpRequest http(ProviderCall call, AnthropicRequest req) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-api-key", call.requireApiKey(KEY_ENV));
        String version = call.settings().get("anthropic_version");
        headers.put("anthropic-version", version == null || version.isBlank() ? API_VERSION : version);
        List<String> betas = AnthropicCodec.betaHeaderValues(req, call.settings().get("anthropic_beta"));
        if (!betas.isEmpty()) {
            headers.put("anthropic-beta", String.join(",", betas));
        }
        return HttpRequest.postJson(url(call), headers, req.json());
    }

    static URI url(ProviderCall call) {
        String configured = call.setting("api_base", BASE_ENV);
        String base = configured == null ? DEFAULT_API_BASE : configured.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return KnownUris.create(base.endsWith("/v1/messages") ? base : base + "/v1/messages");
    }
}
