package dev.llmux.provider.ollama;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.LineDecoder;
import dev.llmux.provider.ollama.internal.OllamaErrors;
import dev.llmux.provider.ollama.internal.OllamaRequestMapper;
import dev.llmux.provider.ollama.internal.OllamaResponseMapper;
import dev.llmux.provider.ollama.internal.OllamaStreamAssembler;
import dev.llmux.provider.ollama.internal.OllamaWire;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ollama's native API: {@code POST {api_base}/api/chat} (NDJSON when streaming) and {@code POST {api_base}/api/embed}.
 *
 * <p>Answers to {@code ollama/<model>} and {@code ollama_chat/<model>}; both use the chat endpoint (LiteLLM's
 * {@code ollama/} uses the prompt-style {@code /api/generate}, which loses tools, images and roles). Settings:
 * {@code api_base} (else {@code OLLAMA_API_BASE}, else {@code http://localhost:11434}), {@code api_key} (else
 * {@code OLLAMA_API_KEY}; optional, sent as a bearer token for hosted Ollama), {@code keep_alive}.
 *
 * <p>Mapping notes: images must be base64 {@code data:} URLs (a remote URL is a {@link BadRequestException}: llmux
 * does not fetch URLs on a caller's behalf); {@code tool_choice} {@code auto} and {@code none} are honoured (none
 * sends no tools), a forced tool cannot be expressed and fails as unsupported; {@code reasoning_effort} becomes
 * {@code think} ({@code none} → false, {@code minimal}/{@code low} → "low", …) unless the request sets {@code think}
 * itself; extra fields {@code top_k}, {@code num_ctx} and Ollama's other sampling knobs go into {@code options}, as
 * does an extra {@code options} object.
 */
public final class OllamaProvider implements Provider {

    /** Where a local Ollama listens. */
    public static final String DEFAULT_API_BASE = "http://localhost:11434";

    private static final Set<String> IDS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("ollama", "ollama_chat")));

    private static final Set<String> SUPPORTED = Set.of(
            "tools", "tool_choice", "response_format", "temperature", "top_p", "max_tokens", "max_completion_tokens",
            "stop", "seed", "presence_penalty", "frequency_penalty", "reasoning_effort", "stream_options");

    private final Supplier<String> ids;

    public OllamaProvider() {
        this(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** For tests: {@code ids} makes response ids and the ids of tool calls Ollama sent without one. */
    OllamaProvider(Supplier<String> ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Set<String> ids() {
        return IDS;
    }

    @Override
    public Set<String> supportedParams(String model) {
        return SUPPORTED;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            OllamaWire.ChatRequest body = OllamaRequestMapper.toChat(request, call.provider(), call.model(), false,
                    call.setting("keep_alive"));
            return ProviderHttp.send(call, post(call, "/api/chat", Json.write(body)), (head, bytes) ->
                            OllamaErrors.fromResponse(call.provider(), call.model(), head, bytes, call.clock().instant()))
                    .map(res -> {
                        OllamaWire.ChatResponse parsed = ProviderHttp.parse(call, res.body(), OllamaWire.ChatResponse.class);
                        if (parsed.error() != null && !parsed.error().isNull()) {
                            throw OllamaErrors.fromErrorNode(call.provider(), call.model(), parsed.error());
                        }
                        if (parsed.message() == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("the answer has no message"));
                        }
                        return OllamaResponseMapper.toChat(parsed, call.model(), call.clock(), ids);
                    });
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            OllamaWire.ChatRequest body = OllamaRequestMapper.toChat(request, call.provider(), call.model(), true,
                    call.setting("keep_alive"));
            OllamaStreamAssembler assembler = new OllamaStreamAssembler(call.model(), call.clock(), ids);
            Flux<byte[]> bytes = ProviderHttp.stream(call, post(call, "/api/chat", Json.write(body)), (head, b) ->
                    OllamaErrors.fromResponse(call.provider(), call.model(), head, b, call.clock().instant()));
            return LineDecoder.decode(bytes)
                    .concatMapIterable(line -> {
                        if (assembler.isDone()) {
                            return List.of(); // nothing follows the final line; ignore stray bytes
                        }
                        OllamaWire.ChatResponse parsed = ProviderHttp.parse(call, line.getBytes(StandardCharsets.UTF_8),
                                OllamaWire.ChatResponse.class);
                        if (parsed.error() != null && !parsed.error().isNull()) {
                            throw OllamaErrors.fromErrorNode(call.provider(), call.model(), parsed.error());
                        }
                        return assembler.accept(parsed);
                    })
                    .concatWith(Flux.defer(() -> assembler.isDone()
                            ? Flux.empty()
                            : Flux.error(ProviderHttp.cutStream(call, "its final {\"done\":true} line"))));
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            OllamaWire.EmbedRequest body = OllamaRequestMapper.toEmbed(request, call.provider(), call.model(),
                    call.setting("keep_alive"));
            return ProviderHttp.send(call, post(call, "/api/embed", Json.write(body)), (head, bytes) ->
                            OllamaErrors.fromResponse(call.provider(), call.model(), head, bytes, call.clock().instant()))
                    .map(res -> {
                        OllamaWire.EmbedResponse parsed = ProviderHttp.parse(call, res.body(), OllamaWire.EmbedResponse.class);
                        if (parsed.error() != null && !parsed.error().isNull()) {
                            throw OllamaErrors.fromErrorNode(call.provider(), call.model(), parsed.error());
                        }
                        if (parsed.embeddings() == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("the answer has no embeddings"));
                        }
                        return OllamaResponseMapper.toEmbedding(parsed, call.model());
                    });
        });
    }

    private static HttpRequest post(ProviderCall call, String path, byte[] body) {
        String base = call.setting("api_base", "OLLAMA_API_BASE");
        if (base == null) {
            base = DEFAULT_API_BASE;
        }
        base = base.replaceAll("/+$", "");
        if (base.endsWith("/api/chat")) {
            base = base.substring(0, base.length() - "/api/chat".length()); // LiteLLM accepts a base naming the endpoint
        }
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(call.provider() + ": api_base is not a valid URL: " + e.getMessage(),
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String key = call.setting("api_key", "OLLAMA_API_KEY");
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        return HttpRequest.postJson(uri, headers, body);
    }
}
