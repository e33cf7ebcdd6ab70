package dev.llmux.provider.bedrock;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.BoundedMemo;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.provider.bedrock.internal.BedrockEmbeddings;
import dev.llmux.provider.bedrock.internal.BedrockEndpoint;
import dev.llmux.provider.bedrock.internal.BedrockErrors;
import dev.llmux.provider.bedrock.internal.BedrockModel;
import dev.llmux.provider.bedrock.internal.ConverseRequestMapper;
import dev.llmux.provider.bedrock.internal.ConverseResponseMapper;
import dev.llmux.provider.bedrock.internal.ConverseResponseReader;
import dev.llmux.provider.bedrock.internal.ConverseStreamAssembler;
import dev.llmux.provider.bedrock.internal.InvalidInput;
import dev.llmux.provider.bedrock.internal.CorruptFrameException;
import dev.llmux.provider.bedrock.internal.EventStreamDecoder;
import dev.llmux.provider.bedrock.internal.EventStreamMessage;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.BufferedResponse;
import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.ResponseHead;
import dev.llmux.transport.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * AWS Bedrock through the Converse and ConverseStream APIs, signed with SigV4 (or a Bedrock API key), streams in
 * AWS's binary event-stream framing, plus Titan and Cohere embeddings through InvokeModel. Model names are
 * {@code bedrock/<modelId>} ({@code bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0},
 * {@code bedrock/us.anthropic.…} inference profiles, ARNs) or {@code bedrock/converse/<modelId>}.
 *
 * <p>Settings (LiteLLM's names): {@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token},
 * {@code aws_region_name}, {@code aws_bedrock_runtime_endpoint} or {@code api_base}, {@code api_key} (a Bedrock
 * API key); else the environment's {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}, {@code AWS_REGION_NAME} / {@code AWS_REGION} / {@code AWS_DEFAULT_REGION} (default us-west-2, as
 * LiteLLM), {@code AWS_BEARER_TOKEN_BEDROCK}.
 *
 * <p>Translation choices that differ from a plain field copy: temperature is clamped to Bedrock's [0, 1];
 * {@code tool_choice: "none"} sends no tools (Converse has no "none"); when the history holds tool calls but the
 * request has no tools, a placeholder {@code dummy_tool} is declared because Bedrock rejects tool blocks without a
 * {@code toolConfig} (as LiteLLM does); {@code response_format} json_schema uses Bedrock's native
 * {@code outputConfig.textFormat} on Claude 4.5 and later and a forced tool on every other model (json_object
 * always uses the forced tool); {@code reasoning_effort} becomes Claude's {@code thinking} (a budget of
 * 1024/2048/4096 tokens for low/medium/high, adaptive thinking with an effort level on Claude 4.6+); extra request
 * fields go to {@code additionalModelRequestFields}, except Converse's own top-level members
 * ({@code guardrailConfig}, {@code performanceConfig}, {@code serviceTier}, …).
 */
public final class BedrockProvider implements Provider {

    private static final Set<String> IDS = Set.of("bedrock");
    private static final List<String> BASE_PARAMS = List.of(
            "max_tokens", "max_completion_tokens", "stream_options", "stop", "temperature", "top_p", "response_format", "metadata");

    @Override
    public Set<String> ids() {
        return IDS;
    }

    /** Supported parameters by model id, asked on every call; bounded, as model ids come from callers. */
    private final BoundedMemo<String, Set<String>> paramsByModel = new BoundedMemo<>(1024, BedrockProvider::paramsFor);

    @Override
    public Set<String> supportedParams(String model) {
        return paramsByModel.get(model);
    }

    private static Set<String> paramsFor(String model) {
        Set<String> params = new LinkedHashSet<>(BASE_PARAMS);
        BedrockModel m;
        try {
            m = BedrockModel.of(model);
        } catch (IllegalArgumentException e) {
            return Set.copyOf(params); // the call itself fails later with the id's problem
        }
        if (m.supportsTools()) {
            params.add("tools");
            if (m.supportsToolChoice()) {
                params.add("tool_choice");
            }
        }
        if (m.supportsReasoning()) {
            params.add("reasoning_effort");
        }
        return Set.copyOf(params);
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            Prepared p = prepare(request, call, "/converse");
            return ProviderHttp.send(call, p.http(), (head, body) -> BedrockErrors.fromHttp(call, head, body))
                    .map(res -> {
                        // the common shapes straight off the parser; anything else through a tree, as always
                        ConverseResponseMapper.Converse read = ConverseResponseReader.read(res.body());
                        JsonNode root = read != null ? null : parseJson(call, res.body());
                        String stop = read != null ? read.stopReason() : Json.text(root, "stopReason");
                        if (ConverseResponseMapper.isMalformedStop(stop)) {
                            throw ConverseStreamAssembler.malformedOutput(call, stop);
                        }
                        try {
                            ConverseResponseMapper.Converse converse = read != null ? read : ConverseResponseMapper.converse(root);
                            return ConverseResponseMapper.map(converse, responseId(res.head()), created(call), p.model().id(), p.mapped().jsonTool(), toolNames(request));
                        } catch (ConverseResponseMapper.Malformed e) {
                            throw ProviderHttp.malformed(call, e);
                        }
                    });
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            Prepared p = prepare(request, call, "/converse-stream");
            HttpRequest http = call.timeout() != null && p.http().firstByteTimeout() == null ? p.http().withFirstByteTimeout(call.timeout()) : p.http();
            return call.transport()
                    .exchange(http, (head, body) -> head.isSuccess()
                            ? decode(call, p, head, body)
                            : BufferedResponse.collect(head, body).flatMapMany(r -> Flux.<ChatChunk>error(BedrockErrors.fromHttp(call, head, r.body()))))
                    .onErrorMap(TransportException.class, e -> ProviderHttp.fromTransport(e, call));
        });
    }

    private static Flux<ChatChunk> decode(ProviderCall call, Prepared p, ResponseHead head, Flux<byte[]> body) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        ConverseStreamAssembler assembler = new ConverseStreamAssembler(call, responseId(head), created(call), p.model().id(), p.mapped().jsonTool());
        return body.concatMap(bytes -> {
                    // Chunks decoded before a failure in the same network buffer still reach the caller, then the error.
                    List<ChatChunk> chunks = List.of();
                    try {
                        decoder.append(bytes);
                        EventStreamMessage m;
                        while ((m = decoder.next()) != null) {
                            List<ChatChunk> more = assembler.accept(m);
                            if (chunks.isEmpty()) {
                                chunks = more; // usually one frame per buffer: its list as it is
                            } else if (!more.isEmpty()) {
                                if (!(chunks instanceof ArrayList)) {
                                    chunks = new ArrayList<>(chunks);
                                }
                                chunks.addAll(more);
                            }
                        }
                    } catch (CorruptFrameException e) {
                        return Flux.fromIterable(chunks).concatWith(Flux.error(ProviderHttp.malformed(call, e)));
                    } catch (LlmuxException e) {
                        return Flux.fromIterable(chunks).concatWith(Flux.error(e));
                    }
                    // empty() and just() are scalars concatMap reads without subscribing
                    return chunks.isEmpty() ? Flux.empty() : chunks.size() == 1 ? Flux.just(chunks.get(0)) : Flux.fromIterable(chunks);
                })
                .concatWith(Flux.defer(() -> {
                    if (decoder.pendingBytes() > 0) {
                        return Flux.error(ProviderHttp.cutStream(call, "the end of its last event frame"));
                    }
                    assembler.complete();
                    return Flux.empty();
                }));
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            BedrockModel model = model(call);
            BedrockEmbeddings.Family family = BedrockEmbeddings.family(model);
            if (family == null) {
                throw new UnsupportedParamsException("bedrock embeddings support amazon.titan-embed-* and cohere.embed-* models, not " + model.id(),
                        ErrorDetails.of(call.provider(), call.model(), 400));
            }
            if (request.input().texts().isEmpty()) {
                throw new BadRequestException("bedrock embeddings take text input, not token arrays", ErrorDetails.of(call.provider(), call.model(), 400)
                        .withType("invalid_request_error", null, "input"));
            }
            BedrockEndpoint endpoint = endpoint(call);
            String path = "/model/" + model.pathSegment() + "/invoke";
            List<String> texts = request.input().texts();
            if (family == BedrockEmbeddings.Family.COHERE) {
                byte[] body = Json.write(guard(call, () -> BedrockEmbeddings.cohereBody(texts, request)));
                return invoke(call, endpoint, path, body).map(res -> {
                    List<float[]> vectors = malformedAs502(call, () -> BedrockEmbeddings.cohereVectors(parseJson(call, res.body()), texts.size()));
                    return BedrockEmbeddings.response(vectors, model.id(), inputTokens(res.head()));
                });
            }
            // Titan embeds one text per call; the answers keep the input order.
            List<byte[]> bodies = new ArrayList<>();
            for (String text : texts) {
                bodies.add(Json.write(guard(call, () -> BedrockEmbeddings.titanBody(text, request, model))));
            }
            return Flux.fromIterable(bodies)
                    .flatMapSequential(body -> invoke(call, endpoint, path, body)
                            .map(res -> malformedAs502(call, () -> BedrockEmbeddings.titanVector(parseJson(call, res.body())))), 4)
                    .collectList()
                    .map(results -> BedrockEmbeddings.response(
                            results.stream().map(BedrockEmbeddings.TitanVector::vector).toList(),
                            model.id(),
                            results.stream().mapToInt(BedrockEmbeddings.TitanVector::tokens).sum()));
        });
    }

    private static Mono<BufferedResponse> invoke(ProviderCall call, BedrockEndpoint endpoint, String path, byte[] body) {
        HttpRequest http = endpoint.post(endpoint.uri(path), body, Map.of("Accept", "application/json"), call.clock().instant());
        return ProviderHttp.send(call, http, (head, b) -> BedrockErrors.fromHttp(call, head, b));
    }

    /** Bedrock reports the embedded token count in a header, not in Cohere's body. */
    private static int inputTokens(ResponseHead head) {
        String v = head.header("X-Amzn-Bedrock-Input-Token-Count");
        try {
            return v == null ? 0 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record Prepared(BedrockModel model, ConverseRequestMapper.Mapped mapped, HttpRequest http) {}

    private static Prepared prepare(ChatRequest request, ProviderCall call, String action) {
        BedrockModel model = model(call);
        ConverseRequestMapper.Mapped mapped = guard(call, () -> ConverseRequestMapper.map(request, model));
        BedrockEndpoint endpoint = endpoint(call);
        byte[] body = Json.write(mapped.body());
        HttpRequest http = endpoint.post(endpoint.uri("/model/" + model.pathSegment() + action), body, Map.of(), call.clock().instant());
        return new Prepared(model, mapped, http);
    }

    private static Set<String> toolNames(ChatRequest request) {
        if (request.toolsOrEmpty().isEmpty()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        request.toolsOrEmpty().forEach(t -> names.add(t.function().name()));
        return names;
    }

    private static BedrockModel model(ProviderCall call) {
        try {
            return BedrockModel.of(call.model());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage(), ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, "model"));
        }
    }

    private static BedrockEndpoint endpoint(ProviderCall call) {
        return BedrockEndpoint.resolve(call);
    }

    /** Runs a mapping step, turning input Bedrock cannot take into a 400 naming the parameter. */
    private static <T> T guard(ProviderCall call, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInput e) {
            throw new BadRequestException(call.provider() + ": " + e.getMessage(),
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", null, e.param()));
        }
    }

    private static <T> T malformedAs502(ProviderCall call, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConverseResponseMapper.Malformed e) {
            throw ProviderHttp.malformed(call, e);
        }
    }

    private static JsonNode parseJson(ProviderCall call, byte[] body) {
        try {
            JsonNode root = Json.tree(body);
            if (!root.isObject()) {
                throw ProviderHttp.malformed(call, new IllegalArgumentException("the body is not a JSON object"));
            }
            return root;
        } catch (JacksonException e) {
            throw ProviderHttp.malformed(call, e);
        }
    }

    /** Bedrock answers carry no completion id; the request id names the call instead. */
    private static String responseId(ResponseHead head) {
        String requestId = head.header("x-amzn-RequestId");
        return "chatcmpl-" + (requestId == null || requestId.isBlank() ? UUID.randomUUID() : requestId.strip());
    }

    private static long created(ProviderCall call) {
        return call.clock().instant().getEpochSecond();
    }
}
