package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.error.OpenAiErrorBody;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.KnownUris;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.provider.RecentValues;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.HttpRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One call to an OpenAI-shaped API, once its URLs and headers are known: the shared engine behind the OpenAI,
 * Azure and OpenAI-compatible providers.
 *
 * @param chatUri the chat completions URL
 * @param embeddingsUri the embeddings URL
 * @param headers auth and other headers (values may be secrets; never logged)
 * @param dialect the API's departures from OpenAI
 */
public record OpenAiEndpoint(URI chatUri, URI embeddingsUri, Map<String, String> headers, OpenAiDialect dialect) {

    public OpenAiEndpoint {
        Objects.requireNonNull(chatUri, "chatUri");
        Objects.requireNonNull(embeddingsUri, "embeddingsUri");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * The endpoint for a base URL such as {@code https://api.openai.com/v1}. A client calls one deployment again and
     * again, and making its two URLs (a string each, a look-up of the parsed URI) was most of the cost of making an
     * endpoint, a twentieth of an OpenAI call's own work; the URLs of recent base URLs are kept. Only URLs: the
     * headers carry credentials, which a process-wide table must not outlive their clients with.
     */
    public static OpenAiEndpoint of(String baseUrl, Map<String, String> headers, OpenAiDialect dialect, ProviderCall call) {
        Uris uris = RECENT.get(baseUrl);
        if (uris == null) {
            String base = stripTrailingSlashes(baseUrl);
            uris = new Uris(uri(base + "/chat/completions", call), uri(base + "/embeddings", call));
            RECENT.put(baseUrl, uris);
        }
        return new OpenAiEndpoint(uris.chat(), uris.embeddings(), headers, dialect);
    }

    /** The two URLs made for a base URL. */
    private record Uris(URI chat, URI embeddings) {}

    private static final RecentValues<String, Uris> RECENT = new RecentValues<>(16);

    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            byte[] body = OpenAiRequestMapper.chatBytes(request, false, call, dialect);
            return ProviderHttp.send(call, HttpRequest.postJson(chatUri, headers, body), errors(call))
                    .map(res -> OpenAiResponseMapper.chatResponse(res.body(), call, dialect));
        });
    }

    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            byte[] body = OpenAiRequestMapper.chatBytes(request, true, call, dialect);
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Accept", "text/event-stream");
            return OpenAiStreamAssembler.assemble(ProviderHttp.stream(call, HttpRequest.postJson(chatUri, h, body), errors(call)), call, dialect);
        });
    }

    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            byte[] body = Json.write(OpenAiRequestMapper.embeddingBody(request, call));
            return ProviderHttp.send(call, HttpRequest.postJson(embeddingsUri, headers, body), errors(call))
                    .map(res -> OpenAiResponseMapper.embeddingResponse(res.body(), call));
        });
    }

    /** OpenAI's error bodies, statuses and retry headers, as the whole family uses them. */
    public static ProviderHttp.ErrorMapper errors(ProviderCall call) {
        return (head, body) -> OpenAiErrorBody.toException(call.provider(), call.model(), head.status(), head.headers(), body, call.clock().instant());
    }

    public static String stripTrailingSlashes(String url) {
        String s = url.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** A URI from a configured URL; a malformed one is a bad request naming the URL (which holds no secret). */
    public static URI uri(String url, ProviderCall call) {
        URI u;
        try {
            u = KnownUris.create(url);
        } catch (IllegalArgumentException e) {
            u = null;
        }
        if (u == null || u.getScheme() == null || u.getHost() == null || !u.getScheme().startsWith("http")) {
            throw new BadRequestException(call.provider() + ": api_base must be an absolute http(s) URL, was \"" + url + "\"",
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "api_base"));
        }
        return u;
    }

    @Override
    public String toString() {
        return "OpenAiEndpoint[" + chatUri + ", headers=" + headers.keySet() + "]";
    }
}
