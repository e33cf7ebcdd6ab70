package dev.llmux.provider.replicate;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Usage;
import dev.llmux.provider.replicate.internal.ReplicateClient;
import dev.llmux.provider.replicate.internal.ReplicateRequestMapper;
import dev.llmux.provider.replicate.internal.ReplicateResponseMapper;
import dev.llmux.provider.replicate.internal.ReplicateStreamAssembler;
import dev.llmux.provider.replicate.internal.ReplicateWire;
import dev.llmux.provider.replicate.internal.Sleeper;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Replicate's predictions API for language models ({@code replicate/owner/name}, {@code replicate/owner/name:version},
 * {@code replicate/deployments/owner/name}).
 *
 * <p>A chat call creates a prediction and polls {@code urls.get} every {@code poll_interval} until it succeeds,
 * fails or is canceled; past {@code prediction_timeout} the prediction is canceled through {@code urls.cancel} and
 * the call fails with a {@link dev.llmux.error.RequestTimeoutException}. A stream reads the prediction's
 * {@code urls.stream} server-sent events; when Replicate offers no stream URL (or the prediction is already done)
 * the finished output is sent as one chunk. Usage comes from the prediction's {@code metrics} token counts when the
 * model reports them (fetched once after a stream ends). Tools, tool choice and response formats are not supported:
 * Replicate's language models take a text prompt (see {@link ReplicateRequestMapper} for how messages become one).
 * Settings are listed on {@link ReplicateClient}.
 */
public final class ReplicateProvider implements Provider {

    private static final Set<String> SUPPORTED = Set.of(
            "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "seed", "stream_options");

    private final Sleeper sleeper;

    public ReplicateProvider() {
        this(Sleeper.reactor());
    }

    /** For tests: {@code sleeper} waits between polls. */
    ReplicateProvider(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public Set<String> ids() {
        return Set.of("replicate");
    }

    @Override
    public Set<String> supportedParams(String model) {
        return SUPPORTED;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, ProviderCall call) {
        return Mono.defer(() -> {
            ReplicateClient client = ReplicateClient.of(call, sleeper);
            ReplicateRequestMapper.Target target = ReplicateRequestMapper.target(call.model(), call.provider());
            ReplicateWire.CreatePrediction body = ReplicateRequestMapper.toPrediction(request, target, call.provider(), call.model(), false);
            Instant deadline = client.deadline();
            return client.create(target.path(), body)
                    .flatMap(p -> client.awaitTerminal(p, deadline))
                    .map(p -> ReplicateResponseMapper.toChat(p, call.provider(), call.model(), call.clock()));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, ProviderCall call) {
        return Flux.defer(() -> {
            ReplicateClient client = ReplicateClient.of(call, sleeper);
            ReplicateRequestMapper.Target target = ReplicateRequestMapper.target(call.model(), call.provider());
            ReplicateWire.CreatePrediction body = ReplicateRequestMapper.toPrediction(request, target, call.provider(), call.model(), true);
            Instant deadline = client.deadline();
            return client.create(target.path(), body).flatMapMany(p -> {
                ReplicateStreamAssembler assembler = new ReplicateStreamAssembler(call.provider(), call.model(),
                        p.id() == null ? "" : p.id(), ReplicateResponseMapper.created(p, call.clock()));
                String streamUrl = p.urls() == null ? null : p.urls().stream();
                if (p.isTerminal() || streamUrl == null) {
                    return client.awaitTerminal(p, deadline).flatMapIterable(done -> {
                        ReplicateResponseMapper.requireSucceeded(done, call.provider(), call.model());
                        return assembler.whole(ReplicateResponseMapper.outputText(done.output()), ReplicateResponseMapper.usage(done));
                    });
                }
                return client.stream(streamUrl)
                        .concatMapIterable(event -> assembler.isDone() ? List.of() : assembler.accept(event))
                        .concatWith(Flux.defer(() -> assembler.isDone()
                                ? usage(client, p).map(assembler::usageChunk)
                                : Flux.error(ProviderHttp.cutStream(call, "its done event"))));
            });
        });
    }

    /**
     * The token counts of a streamed prediction, read once after its {@code done} event. Best effort: the answer is
     * already complete, so a failed or slow read costs the usage chunk, not the answer.
     */
    private static Mono<Usage> usage(ReplicateClient client, ReplicateWire.Prediction p) {
        if (p.urls() == null || p.urls().get() == null) {
            return Mono.empty();
        }
        return client.get(p.urls().get())
                .flatMap(done -> Mono.justOrEmpty(ReplicateResponseMapper.usage(done)))
                .onErrorResume(e -> Mono.empty());
    }
}
