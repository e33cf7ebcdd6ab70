package dev.llmux.internal.provider;

import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.BufferedResponse;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.ResponseHead;
import dev.llmux.transport.TransportException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/** The HTTP steps every provider shares: send, turn error statuses and transport failures into llmux errors. */
public final class ProviderHttp {

    private ProviderHttp() {}

    /** Maps a non-2xx response (status, headers, body) into the provider's llmux error. */
    @FunctionalInterface
    public interface ErrorMapper {
        LlmuxException map(ResponseHead head, byte[] body);
    }

    /** Sends and buffers; a non-2xx status fails with {@code errors}' exception. */
    public static Mono<BufferedResponse> send(ProviderCall call, HttpRequest request, ErrorMapper errors) {
        HttpRequest req = call.timeout() != null && request.firstByteTimeout() == null ? request.withFirstByteTimeout(call.timeout()) : request;
        return call.transport().send(req)
                .onErrorMap(TransportException.class, e -> fromTransport(e, call))
                .flatMap(res -> res.head().isSuccess() ? Mono.just(res) : Mono.error(errors.map(res.head(), res.body())));
    }

    /** Sends and streams the body of a 2xx response; a non-2xx status fails with {@code errors}' exception. */
    public static Flux<byte[]> stream(ProviderCall call, HttpRequest request, ErrorMapper errors) {
        HttpRequest req = call.timeout() != null && request.firstByteTimeout() == null ? request.withFirstByteTimeout(call.timeout()) : request;
        return call.transport()
                .exchange(req, (head, body) -> head.isSuccess()
                        ? body
                        : BufferedResponse.collect(head, body).flatMap(r -> Mono.<byte[]>error(errors.map(head, r.body()))))
                .onErrorMap(TransportException.class, e -> fromTransport(e, call));
    }

    /** Parses a 2xx JSON body; a body that does not parse is a 502 naming the provider. */
    public static <T> T parse(ProviderCall call, byte[] body, Class<T> type) {
        try {
            return Json.read(body, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw malformed(call, e);
        }
    }

    public static BadGatewayException malformed(ProviderCall call, Throwable cause) {
        return new BadGatewayException(call.provider() + " returned a response llmux could not parse: " + cause.getMessage(),
                ErrorDetails.of(call.provider(), call.model(), 502), cause);
    }

    /** The error for a stream that ended before the provider's end marker. */
    public static ApiConnectionException cutStream(ProviderCall call, String expected) {
        return new ApiConnectionException(call.provider() + " stream ended before " + expected + " (connection cut or provider failure)",
                ErrorDetails.of(call.provider(), call.model(), 500));
    }

    public static LlmuxException fromTransport(TransportException e, ProviderCall call) {
        ErrorDetails d = ErrorDetails.of(call.provider(), call.model(), e.isTimeout() ? 408 : 500);
        String message = call.provider() + " " + e.getMessage();
        return e.isTimeout() ? new RequestTimeoutException(message, d, e) : new ApiConnectionException(message, d, e);
    }
}
