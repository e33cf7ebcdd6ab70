package dev.llmux.provider.gemini.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The generateContent round trips AI Studio and Vertex AI share; they differ only in URL and auth headers. */
public final class GeminiCalls {

    private GeminiCalls() {}

    /** The request body, or a {@link BadRequestException} naming what Gemini cannot take. */
    public static byte[] body(ChatRequest req, ProviderCall call, boolean vertex) {
        try {
            return Json.write(GeminiRequestMapper.toBody(req, call.model(), vertex));
        } catch (IllegalArgumentException e) {
            throw badRequest(call, e);
        }
    }

    public static BadRequestException badRequest(ProviderCall call, IllegalArgumentException e) {
        return new BadRequestException(call.provider() + ": " + e.getMessage(), ErrorDetails.of(call.provider(), call.model(), 400), e);
    }

    public static Mono<ChatResponse> chat(ProviderCall call, URI uri, Mono<Map<String, String>> headers, byte[] body) {
        return headers.flatMap(h -> ProviderHttp.send(call, HttpRequest.postJson(uri, h, body), (head, b) -> GeminiErrors.map(call, head, b)))
                .map(res -> {
                    GeminiWire.Response parsed = ProviderHttp.parse(call, res.body(), GeminiWire.Response.class);
                    if (parsed.error() != null && parsed.error().isObject()) {
                        throw GeminiErrors.fromError(call, res.status(), res.head().headers(), parsed.error());
                    }
                    String blocked = GeminiResponseMapper.blockReason(parsed);
                    if (blocked != null) {
                        throw new ContentPolicyViolationException(call.provider() + " blocked the prompt: " + blocked,
                                new ErrorDetails(call.provider(), call.model(), 400, "prompt_blocked", parsed.promptFeedback().blockReason(),
                                        null, null, res.head().headers()));
                    }
                    if (parsed.candidatesOrEmpty().isEmpty()) {
                        throw ProviderHttp.malformed(call, new IllegalStateException("the response has no candidates"));
                    }
                    return GeminiResponseMapper.toChatResponse(parsed, call.model(), call.clock().instant().getEpochSecond());
                });
    }

    public static Flux<ChatChunk> stream(ProviderCall call, URI uri, Mono<Map<String, String>> headers, byte[] body) {
        return headers.flatMapMany(h -> {
            HttpRequest req = HttpRequest.postJson(uri, h, body).withHeader("Accept", "text/event-stream");
            Flux<byte[]> bytes = ProviderHttp.stream(call, req, (head, b) -> GeminiErrors.map(call, head, b));
            return GeminiStreamAssembler.assemble(SseDecoder.decode(bytes), call, call.clock().instant().getEpochSecond());
        });
    }
}
