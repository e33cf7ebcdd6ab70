package dev.llmux.provider.anthropic;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.provider.anthropic.internal.AnthropicErrors;
import dev.llmux.provider.anthropic.internal.AnthropicMessageReader;
import dev.llmux.provider.anthropic.internal.AnthropicStreams;
import dev.llmux.provider.anthropic.internal.AnthropicWire;
import dev.llmux.provider.anthropic.internal.MappingException;
import dev.llmux.provider.anthropic.internal.RequestMapper;
import dev.llmux.provider.anthropic.internal.ResponseMapper;
import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.ResponseHead;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The Anthropic Messages translation, without HTTP: an OpenAI request to a Messages body, and a Messages response,
 * stream or error back. {@link AnthropicProvider} uses it against {@code api.anthropic.com}; a host that serves
 * Claude under its own URL and auth reuses it:
 *
 * <pre>{@code
 * AnthropicRequest req = AnthropicCodec.toRequest(request, call, modelInfo).forHost("vertex-2023-10-16");
 * // POST req.json() to …/publishers/anthropic/models/{model}:rawPredict, then
 * ChatResponse res = AnthropicCodec.toResponse(req, responseBytes, call);
 * // streaming: req.streaming() to …:streamRawPredict, then
 * Flux<ChatChunk> chunks = AnthropicCodec.toChunks(req, AnthropicCodec.sseEvents(bodyBytes, call), call);
 * // errors: AnthropicCodec.toError(call, head, bodyBytes)
 * }</pre>
 *
 * Settings read from {@link ProviderCall#settings()}: {@code default_max_tokens} (the {@code max_tokens} sent
 * when the caller gives none; else the catalog's max output, else 4096) and {@code modify_params}
 * ({@code true}: add a dummy tool when the history has tool calls but the request no tools, as LiteLLM does).
 */
public final class AnthropicCodec {

    private AnthropicCodec() {}

    /**
     * Translates a request for {@code call.model()}.
     *
     * @param info the catalog entry of the model, for its max output tokens; may be null
     * @throws BadRequestException (or its {@link UnsupportedParamsException}) for a request Anthropic cannot take
     */
    public static AnthropicRequest toRequest(ChatRequest request, ProviderCall call, @Nullable ModelInfo info) {
        ProviderSettings s = call.settings();
        RequestMapper.Options options = new RequestMapper.Options(
                info == null ? null : info.maxOutputTokens(), intSetting(call, "default_max_tokens"), "true".equalsIgnoreCase(s.get("modify_params")));
        try {
            RequestMapper.Mapped m = RequestMapper.map(request, call.model(), options);
            return AnthropicRequest.owning(m.body(), m.betas(), m.jsonToolMode(), m.unwrapValues());
        } catch (MappingException e) {
            ErrorDetails d = ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, e.param());
            String message = call.provider() + ": " + e.getMessage();
            throw "messages".equals(e.param()) ? new BadRequestException(message, d, e) : new UnsupportedParamsException(message, d, e);
        }
    }

    private static @Nullable Integer intSetting(ProviderCall call, String name) {
        String v = call.settings().get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException(call.provider() + ": setting " + name + " must be a positive integer, was " + v,
                    ErrorDetails.of(call.provider(), call.model(), 400));
        }
    }

    /**
     * Translates a 2xx Messages response. An error object in a 200 body fails with the mapped error; a body that
     * is not a message fails with a 502.
     */
    public static ChatResponse toResponse(AnthropicRequest request, byte[] body, ProviderCall call) {
        AnthropicWire.Message message = AnthropicMessageReader.read(body);
        if (message == null) {
            message = ProviderHttp.parse(call, body, AnthropicWire.Message.class); // the unusual shapes, and errors
        }
        if ("error".equals(message.type()) || message.error() != null) {
            throw AnthropicErrors.fromErrorBody(call.provider(), call.model(), message.error());
        }
        if (message.content() == null) {
            throw ProviderHttp.malformed(call, new IllegalArgumentException("the message has no content array"));
        }
        return ResponseMapper.map(message, request.jsonToolMode(), request.unwrapValues(), call.clock().instant().getEpochSecond());
    }

    /** Decodes an SSE body into its events' {@code data} objects; a data line that is not JSON fails with a 502. */
    public static Flux<JsonNode> sseEvents(Flux<byte[]> body, ProviderCall call) {
        return SseDecoder.decode(body).map(e -> AnthropicStreams.tree(e, call));
    }

    /**
     * Translates stream events (the {@code data} objects, as from {@link #sseEvents}) into chunks. The flux fails
     * with the mapped error on an {@code error} event, and with a connection error when the events end before
     * {@code message_stop}.
     */
    public static Flux<ChatChunk> toChunks(AnthropicRequest request, Flux<JsonNode> events, ProviderCall call) {
        return AnthropicStreams.assemble(request.jsonToolMode(), events.map(node -> AnthropicStreams.bind(node, call)), call);
    }

    /** As {@code toChunks(request, sseEvents(body, call), call)}, reading the common delta events without a JSON tree. */
    static Flux<ChatChunk> sseChunks(AnthropicRequest request, Flux<byte[]> body, ProviderCall call) {
        return AnthropicStreams.fromSse(request.jsonToolMode(), body, call);
    }

    /** The exception for an HTTP error response from the Messages API. */
    public static LlmuxException toError(ProviderCall call, ResponseHead head, byte[] body) {
        return AnthropicErrors.fromResponse(call.provider(), call.model(), head, body, call.clock().instant());
    }

    /** The OpenAI parameters Anthropic can honour for {@code model}. */
    public static Set<String> supportedParams(String model) {
        return RequestMapper.supportedParams(model);
    }

    static List<String> betaHeaderValues(AnthropicRequest request, @Nullable String configured) {
        LinkedHashSet<String> all = new LinkedHashSet<>(request.betas());
        if (configured != null) {
            for (String b : configured.split(",")) {
                if (!b.isBlank()) {
                    all.add(b.trim());
                }
            }
        }
        return List.copyOf(all);
    }
}
