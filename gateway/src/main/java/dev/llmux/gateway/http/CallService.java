package dev.llmux.gateway.http;

import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.gateway.auth.Caller;
import dev.llmux.gateway.config.GatewaySettings;
import dev.llmux.gateway.config.ModelDirectory;
import dev.llmux.gateway.limit.RequestGuard;
import dev.llmux.gateway.metrics.GatewayMetrics;
import dev.llmux.gateway.spend.SpendLog;
import dev.llmux.gateway.spend.SpendWriter;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every data-plane endpoint does around the router call: checks the request (size of {@code messages}, client
 * credentials, the key's model allow-list and aliases), admits it against limits and budgets, calls llmux, then
 * reconciles the reservation, writes the spend log and records metrics, whether the call succeeded, failed or was
 * cancelled by the client.
 */
public final class CallService {

    /** Body fields that would redirect the gateway's provider call; see {@link GatewaySettings#allowClientSideCredentials()}. */
    static final List<String> CLIENT_CREDENTIAL_FIELDS = List.of("api_key", "api_base", "base_url", "api_version", "organization");
    private static final java.util.Set<String> CLIENT_CREDENTIAL_SET = java.util.Set.copyOf(CLIENT_CREDENTIAL_FIELDS);

    private final Llmux llmux;
    private final ModelDirectory models;
    private final RequestGuard guard;
    private final SpendWriter spend;
    private final GatewayMetrics metrics;
    private final GatewaySettings settings;
    private final Clock clock;

    public CallService(Llmux llmux, ModelDirectory models, RequestGuard guard, SpendWriter spend, GatewayMetrics metrics,
            GatewaySettings settings, Clock clock) {
        this.llmux = llmux;
        this.models = models;
        this.guard = guard;
        this.spend = spend;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public ModelDirectory models() {
        return models;
    }

    /** A checked request ready to call, with the model name resolved through the key's aliases. */
    public record Prepared<R>(R request, String model, CallOptions options, long promptEstimate) {}

    /** A chat request from the raw body, bound straight to {@link ChatRequest} (no intermediate tree). */
    public Prepared<ChatRequest> prepareChat(Caller caller, byte[] body) {
        return checkChat(caller, Bodies.read(body, ChatRequest.class));
    }

    /** A chat request from a JSON tree (the Anthropic endpoint's translation). */
    public Prepared<ChatRequest> prepareChat(Caller caller, JsonNode body) {
        return checkChat(caller, Bodies.bind(body, ChatRequest.class));
    }

    private Prepared<ChatRequest> checkChat(Caller caller, ChatRequest request) {
        int messages = request.messages().size();
        if (messages == 0) {
            throw GatewayException.badRequest("\"messages\" must contain at least one message", "messages");
        }
        if (messages > settings.maxMessages()) {
            throw GatewayException.badRequest("too many messages: " + messages + ", the gateway accepts at most "
                    + settings.maxMessages(), "messages");
        }
        CallOptions options = clientCredentials(request.extra());
        if (options != CallOptions.defaults()) {
            request = request.withoutParams(CLIENT_CREDENTIAL_SET);
        }
        String model = resolveModel(caller, request.model());
        // a rough prompt size for the tpm/budget reservation (the messages' JSON length / 4); the real usage replaces
        // it after the call
        long estimate = caller.limited() ? jsonLength(request.messages()) / 4 + 1 : 0;
        return new Prepared<>(request.withModel(model), model, options, estimate);
    }

    /** The length of {@code value}'s JSON, counted as it is written rather than kept. */
    static long jsonLength(Object value) {
        ByteCounter counter = new ByteCounter();
        Json.MAPPER.writeValue(counter, value);
        return counter.count;
    }

    private static final class ByteCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    public Prepared<EmbeddingRequest> prepareEmbedding(Caller caller, JsonNode body) {
        ObjectNode obj = (ObjectNode) body;
        CallOptions options = clientCredentials(obj);
        requireModel(obj);
        if (!obj.has("input") || obj.get("input").isNull()) {
            throw GatewayException.badRequest("missing required field \"input\"", "input");
        }
        EmbeddingRequest request = Bodies.bind(obj, EmbeddingRequest.class);
        String model = resolveModel(caller, request.model());
        long estimate = caller.limited() ? obj.get("input").toString().length() / 4 + 1 : 0;
        return new Prepared<>(request.withModel(model), model, options, estimate);
    }

    private static void requireModel(ObjectNode obj) {
        JsonNode m = obj.get("model");
        if (m == null || m.isNull()) {
            throw GatewayException.badRequest("missing required field \"model\"", "model");
        }
        if (!m.isString() || m.asString().isBlank()) {
            throw GatewayException.badRequest("\"model\" must be a non-empty string", "model");
        }
    }

    private CallOptions clientCredentials(ObjectNode body) {
        CallOptions options = clientCredentials(f -> {
            JsonNode v = body.get(f);
            return v == null ? null : v.isString() ? v.asString() : v;
        });
        CLIENT_CREDENTIAL_FIELDS.forEach(body::remove);
        return options;
    }

    private CallOptions clientCredentials(Map<String, Object> extra) {
        return extra.isEmpty() ? CallOptions.defaults() : clientCredentials(extra::get);
    }

    /** Client-supplied endpoint and credentials: refused unless the operator allows them, then call settings. */
    private CallOptions clientCredentials(java.util.function.Function<String, @Nullable Object> field) {
        ProviderSettings.Builder b = null;
        for (String f : CLIENT_CREDENTIAL_FIELDS) {
            Object v = field.apply(f);
            if (v == null) {
                continue;
            }
            if (!settings.allowClientSideCredentials()) {
                throw GatewayException.badRequest("\"" + f + "\" in the request body is not allowed: this gateway does not "
                        + "forward client-supplied credentials or endpoints (general_settings.allow_client_side_credentials)", f);
            }
            if (!(v instanceof String str)) {
                throw GatewayException.badRequest("\"" + f + "\" must be a string", f);
            }
            b = b == null ? ProviderSettings.builder() : b;
            b.set(f.equals("base_url") ? "api_base" : f, str);
        }
        return b == null ? CallOptions.defaults() : CallOptions.defaults().withSettings(b.build());
    }

    /** Applies the key's aliases, then checks the key's and team's allow-lists and that the gateway serves the model. */
    String resolveModel(Caller caller, String requested) {
        String model = requested;
        if (caller.key() != null) {
            model = caller.key().aliases().getOrDefault(requested, requested);
            if (!allowed(caller.key().models(), requested, model)) {
                throw GatewayException.forbidden("API key " + caller.key().keyName() + " is not allowed to call model \""
                        + requested + "\"; allowed: " + caller.key().models());
            }
            if (caller.team() != null && !allowed(caller.team().models(), requested, model)) {
                throw GatewayException.forbidden("team " + caller.team().teamId() + " is not allowed to call model \""
                        + requested + "\"; allowed: " + caller.team().models());
            }
        }
        if (!models.contains(model)) {
            throw new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                    "The model \"" + requested + "\" does not exist on this gateway; GET /v1/models lists the models you can use");
        }
        return model;
    }

    private static boolean allowed(List<String> allowList, String requested, String resolved) {
        return allowList.isEmpty() || allowList.contains("*") || allowList.contains(requested) || allowList.contains(resolved);
    }

    /** The names {@code caller} may use: the gateway's models filtered by the allow-lists, plus the key's aliases. */
    public List<String> visibleModels(Caller caller) {
        if (caller.key() == null) {
            return models.names();
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String m : models.names()) {
            if (allowed(caller.key().models(), m, m) && (caller.team() == null || allowed(caller.team().models(), m, m))) {
                names.add(m);
            }
        }
        for (Map.Entry<String, String> a : caller.key().aliases().entrySet()) {
            if (models.contains(a.getValue()) && allowed(caller.key().models(), a.getKey(), a.getValue())) {
                names.add(a.getKey());
            }
        }
        return List.copyOf(names);
    }

    public Mono<ChatResponse> chat(RequestContext ctx, Prepared<ChatRequest> p) {
        return Mono.defer(() -> {
            Tracker t = new Tracker(ctx, p.model(), false);
            ModelPrices prices = models.prices(p.model()).orElse(null);
            return guard.admit(ctx.caller(), prices, p.promptEstimate(), p.request().maxOutputTokens())
                    .flatMap(permit -> llmux.chatAsync(p.request(), p.options())
                            .flatMap(res -> permit.settle(tokens(res.usage()), cost(res.callInfo())).thenReturn(res))
                            .onErrorResume(e -> permit.settle(0, null).then(Mono.error(e)))
                            .doOnCancel(() -> permit.settleLater(0, null)))
                    .doOnSuccess(res -> t.succeeded(res.callInfo(), res.usage()))
                    .doOnError(t::failed)
                    .doOnCancel(t::cancelled);
        });
    }

    public Mono<EmbeddingResponse> embed(RequestContext ctx, Prepared<EmbeddingRequest> p) {
        return Mono.defer(() -> {
            Tracker t = new Tracker(ctx, p.model(), false);
            ModelPrices prices = models.prices(p.model()).orElse(null);
            return guard.admit(ctx.caller(), prices, p.promptEstimate(), 1)
                    .flatMap(permit -> llmux.embedAsync(p.request(), p.options())
                            .flatMap(res -> permit.settle(res.usage() == null ? 0 : res.usage().totalTokens(),
                                    cost(res.callInfo())).thenReturn(res))
                            .onErrorResume(e -> permit.settle(0, null).then(Mono.error(e)))
                            .doOnCancel(() -> permit.settleLater(0, null)))
                    .doOnSuccess(res -> t.succeeded(res.callInfo(),
                            res.usage() == null ? null : Usage.of(res.usage().promptTokens(), 0)))
                    .doOnError(t::failed)
                    .doOnCancel(t::cancelled);
        });
    }

    /**
     * Streams the answer. The usage-only chunk the providers always send is passed on only when the client asked
     * for it ({@code stream_options.include_usage}); spend and limits use it either way.
     */
    public Flux<ChatChunk> stream(RequestContext ctx, Prepared<ChatRequest> p) {
        ChatRequest req = p.request();
        boolean includeUsage = req.streamOptions() != null && Boolean.TRUE.equals(req.streamOptions().includeUsage());
        return Flux.defer(() -> {
            Tracker t = new Tracker(ctx, p.model(), true);
            AtomicReference<CallInfo> info = new AtomicReference<>();
            AtomicReference<Usage> usage = new AtomicReference<>();
            ModelPrices prices = models.prices(p.model()).orElse(null);
            return guard.admit(ctx.caller(), prices, p.promptEstimate(), req.maxOutputTokens())
                    .flatMapMany(permit -> llmux.stream(req, p.options())
                            .doOnNext(c -> {
                                if (c.callInfo() != null) {
                                    info.set(c.callInfo());
                                }
                                if (c.usage() != null) {
                                    usage.set(c.usage());
                                }
                            })
                            .concatWith(Mono.defer(() -> permit.settle(tokens(usage.get()), cost(info.get()))).then(Mono.empty()))
                            .onErrorResume(e -> permit.settle(tokens(usage.get()), cost(info.get())).then(Mono.error(e)))
                            .doOnCancel(() -> permit.settleLater(tokens(usage.get()), cost(info.get()))))
                    .doOnComplete(() -> t.succeeded(info.get(), usage.get()))
                    .doOnError(t::failed)
                    .doOnCancel(() -> t.cancelledStream(info.get(), usage.get()))
                    .handle((c, sink) -> {
                        if (includeUsage || c.usage() == null) {
                            sink.next(c);
                        } else if (!c.choices().isEmpty()) {
                            sink.next(c.withUsage(null));
                        }
                    });
        });
    }

    /**
     * Records a request refused before any provider call (bad input, unknown or forbidden model) in the spend log and
     * metrics, then passes the error on.
     */
    public <T> Mono<T> rejected(RequestContext ctx, Throwable e) {
        new Tracker(ctx, "unknown", false).failed(e);
        return Mono.error(e);
    }

    private static long tokens(@Nullable Usage u) {
        return u == null ? 0 : u.totalTokens();
    }

    private static @Nullable BigDecimal cost(@Nullable CallInfo info) {
        return info == null ? null : info.cost();
    }

    /** Milliseconds spent in the gateway outside the provider call. */
    public static long overheadMs(RequestContext ctx, @Nullable Duration providerTime) {
        long total = ctx.elapsedNanos() / 1_000_000;
        return Math.max(0, providerTime == null ? total : total - providerTime.toMillis());
    }

    /** Writes the spend log and metrics of one call exactly once. */
    private final class Tracker {
        private final RequestContext ctx;
        private final String model;
        private final boolean stream;
        private final AtomicBoolean done = new AtomicBoolean();

        Tracker(RequestContext ctx, String model, boolean stream) {
            this.ctx = ctx;
            this.model = model;
            this.stream = stream;
            metrics.started();
        }

        void succeeded(@Nullable CallInfo info, @Nullable Usage usage) {
            finish(info, usage, 200, null);
        }

        void failed(Throwable e) {
            ErrorBodies.Failure f = ErrorBodies.of(e);
            finish(null, null, f.status(), f.type());
        }

        void cancelled() {
            finish(null, null, 499, "client_closed_request");
        }

        void cancelledStream(@Nullable CallInfo info, @Nullable Usage usage) {
            finish(info, usage, 499, "client_closed_request");
        }

        private void finish(@Nullable CallInfo info, @Nullable Usage usage, int status, @Nullable String errorType) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            BigDecimal cost = info == null || info.cost() == null ? BigDecimal.ZERO : info.cost();
            Caller c = ctx.caller();
            spend.record(new SpendLog(ctx.requestId(), ctx.endpoint(), c.keyHash(), c.teamId(), c.userId(), model,
                    info == null ? null : info.deployment(), info == null ? null : info.provider(),
                    info == null ? null : info.model(), usage == null ? 0 : usage.promptTokens(),
                    usage == null ? 0 : usage.completionTokens(), usage == null ? 0 : usage.cachedTokens(),
                    usage == null ? 0 : usage.cacheWriteTokens(), cost, ctx.startTime(), clock.instant(), status, errorType,
                    stream));
            Duration latency = Duration.ofNanos(ctx.elapsedNanos());
            Duration overhead = info == null ? null : Duration.ofMillis(overheadMs(ctx, info.latency()));
            metrics.finished(ctx.endpoint(), model, status, errorType, latency, overhead, usage, cost);
        }
    }
}
