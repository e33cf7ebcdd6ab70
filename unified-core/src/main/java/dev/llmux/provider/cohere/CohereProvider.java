package dev.llmux.provider.cohere;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.provider.cohere.internal.CohereErrors;
import dev.llmux.provider.cohere.internal.CohereRequestMapper;
import dev.llmux.provider.cohere.internal.CohereResponseMapper;
import dev.llmux.provider.cohere.internal.CohereStreamAssembler;
import dev.llmux.provider.cohere.internal.CohereWire;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Cohere's v2 API: {@code POST {api_base}/v2/chat} (SSE when streaming) and {@code POST {api_base}/v2/embed}.
 *
 * <p>Answers to {@code cohere/<model>} and {@code cohere_chat/<model>}. Settings: {@code api_key} (else
 * {@code COHERE_API_KEY}, else {@code CO_API_KEY}), {@code api_base} (else {@code COHERE_API_BASE}, else
 * {@code https://api.cohere.com}).
 *
 * <p>Mapping notes: {@code tool_choice} {@code required}/{@code none} map to {@code REQUIRED}/{@code NONE}; a named
 * tool cannot be forced and fails as unsupported. {@code top_p} is {@code p}; an extra {@code top_k} (or {@code k})
 * is {@code k}. Extra fields {@code documents}, {@code citation_options}, {@code safety_mode} and {@code thinking}
 * pass through; {@code reasoning_effort} switches thinking on ({@code none}: off). Citations come back as
 * {@code url_citation} annotations on the message and whole in the response's {@code citations} field (on the
 * finish chunk when streaming). Cohere's {@code tool_plan} becomes the message text, and text beside tool calls
 * goes back as {@code tool_plan}. Embeddings default to {@code input_type: search_document}.
 */
public final class CohereProvider implements Provider {

    /** Cohere's API host. */
    public static final String DEFAULT_API_BASE = "https://api.cohere.com";

    private static final Set<String> IDS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("cohere", "cohere_chat")));

    private static final Set<String> SUPPORTED = Set.of(
            "tools", "tool_choice", "response_format", "temperature", "top_p", "max_tokens", "max_completion_tokens",
            "stop", "seed", "presence_penalty", "frequency_penalty", "reasoning_effort", "stream_options");

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
            byte[] body = Json.write(CohereRequestMapper.toChat(request, call.provider(), call.model(), false));
            return ProviderHttp.send(call, post(call, "/v2/chat", body, false), (head, bytes) ->
                            CohereErrors.fromResponse(call.provider(), call.model(), head, bytes, call.clock().instant()))
                    .map(res -> {
                        CohereWire.ChatResponse parsed = ProviderHttp.parse(call, res.body(), CohereWire.ChatResponse.class);
                        if (parsed.message() == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("the answer has no message"));
                        }
                        return CohereResponseMapper.toChat(parsed, call.provider(), call.model(), call.clock().instant().getEpochSecond());
                    });
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            byte[] body = Json.write(CohereRequestMapper.toChat(request, call.provider(), call.model(), true));
            CohereStreamAssembler assembler = new CohereStreamAssembler(call.provider(), call.model(),
                    call.clock().instant().getEpochSecond());
            Flux<byte[]> bytes = ProviderHttp.stream(call, post(call, "/v2/chat", body, true), (head, b) ->
                    CohereErrors.fromResponse(call.provider(), call.model(), head, b, call.clock().instant()));
            return SseDecoder.decode(bytes)
                    .concatMapIterable(event -> {
                        if (event.isDone() || assembler.isDone()) {
                            return List.of(); // [DONE] after message-end, as the SDK sends it
                        }
                        JsonNode data = ProviderHttp.parse(call, event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                JsonNode.class);
                        String type = Json.text(data, "type");
                        return assembler.accept(type != null ? type : event.event() == null ? "" : event.event(), data);
                    })
                    .concatWith(Flux.defer(() -> assembler.isDone()
                            ? Flux.empty()
                            : Flux.error(ProviderHttp.cutStream(call, "its message-end event"))));
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            byte[] body = Json.write(CohereRequestMapper.toEmbed(request, call.provider(), call.model()));
            return ProviderHttp.send(call, post(call, "/v2/embed", body, false), (head, bytes) ->
                            CohereErrors.fromResponse(call.provider(), call.model(), head, bytes, call.clock().instant()))
                    .map(res -> {
                        CohereWire.EmbedResponse parsed = ProviderHttp.parse(call, res.body(), CohereWire.EmbedResponse.class);
                        if (parsed.embeddings() == null || parsed.embeddings().floats() == null) {
                            throw ProviderHttp.malformed(call, new IllegalStateException("the answer has no float embeddings"));
                        }
                        return CohereResponseMapper.toEmbedding(parsed, call.model());
                    });
        });
    }

    private static HttpRequest post(ProviderCall call, String path, byte[] body, boolean stream) {
        String key = call.requireApiKey("COHERE_API_KEY", "CO_API_KEY");
        String base = call.setting("api_base", "COHERE_API_BASE");
        base = (base == null ? DEFAULT_API_BASE : base).replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(call.provider() + ": api_base is not a valid URL: " + e.getMessage(),
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
        }
        return HttpRequest.postJson(uri, Map.of(
                "Authorization", "Bearer " + key,
                "Accept", stream ? "text/event-stream" : "application/json"), body);
    }
}
