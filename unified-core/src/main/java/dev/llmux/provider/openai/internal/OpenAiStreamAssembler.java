package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.Usage;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.CoarseTimer;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Turns an OpenAI-shaped SSE body into llmux chunks, and gives every OpenAI-compatible stream the same ending:
 * content chunks, then, at {@code [DONE]}, one usage-only chunk (empty {@code choices}) when the provider reported
 * usage, then completion when the body ends.
 *
 * <p>Providers differ in where usage comes: OpenAI sends a separate usage-only chunk, Mistral and Fireworks put it
 * on the last content chunk, Groq under {@code x_groq}. Usage is therefore lifted off whichever chunk carries it
 * and sent once, last. Chunks with no choices and no usage (Azure's first chunk of prompt-filter results) are not
 * passed on alone; their fields ride on the next chunk. A stream that stops before {@code [DONE]} fails.
 * One instance per stream.
 *
 * <p>{@code [DONE]} does not cancel the body: the response is read to its end (anything after {@code [DONE]} is
 * ignored), because cancelling a response mid-body closes its connection, and every stream would then pay for a new
 * connection (a TLS handshake against a real provider). A server that sends {@code [DONE]} but keeps the response
 * open is cut {@link #DONE_GRACE} later, and the stream still ends normally; its last chunk does not wait for that.
 */
public final class OpenAiStreamAssembler {

    /** How long the end of the body may lag behind {@code [DONE]} before the body is cut. */
    static final Duration DONE_GRACE = Duration.ofMillis(250);

    private final ProviderCall call;
    private final OpenAiDialect dialect;
    private final OpenAiChunkReader reader = new OpenAiChunkReader();
    private final Map<String, Object> pendingExtra = new LinkedHashMap<>();
    private @Nullable Usage usage;
    private @Nullable ChatChunk last;
    private @Nullable ChatChunk usageChunk;
    private boolean done;
    private final Sinks.Empty<Void> doneSignal = Sinks.empty();

    private OpenAiStreamAssembler(ProviderCall call, OpenAiDialect dialect) {
        this.call = call;
        this.dialect = dialect;
    }

    public static Flux<ChatChunk> assemble(Flux<byte[]> body, ProviderCall call, OpenAiDialect dialect) {
        return assemble(body, call, dialect, CoarseTimer.shared());
    }

    /** As {@link #assemble(Flux, ProviderCall, OpenAiDialect)}, timing the grace after {@code [DONE]} on {@code timer}. */
    static Flux<ChatChunk> assemble(Flux<byte[]> body, ProviderCall call, OpenAiDialect dialect, Scheduler timer) {
        return Flux.defer(() -> {
            OpenAiStreamAssembler assembler = new OpenAiStreamAssembler(call, dialect);
            // the grace and the resume act on reads, not on events: a read often holds several events
            Flux<byte[]> reads = body
                    .takeUntilOther(assembler.doneSignal.asMono().then(Mono.delay(DONE_GRACE, timer)))
                    // everything was delivered: a connection lost while reading past [DONE] is not the caller's loss
                    .onErrorResume(e -> assembler.done ? Flux.empty() : Flux.error(e));
            return SseDecoder.<ChatChunk>decode(reads, (event, out) -> {
                ChatChunk chunk = assembler.onEvent(event);
                if (chunk != null) {
                    out.accept(chunk);
                }
            }).concatWith(Flux.defer(assembler::end));
        });
    }

    /** The chunk an event yields, or null for none. */
    private @Nullable ChatChunk onEvent(SseEvent event) {
        if (done) {
            return null; // the rest of the body is only read so the connection can be reused
        }
        if (event.isDone()) {
            done = true;
            doneSignal.tryEmitEmpty();
            return closingUsageChunk(); // now, not when the body ends: only the stream's completion waits for that
        }
        if (event.isBlank()) {
            return null;
        }
        ChatChunk chunk = OpenAiResponseMapper.chunk(event, call, dialect, reader);
        if (chunk.usage() != null) {
            usage = chunk.usage();
            if (chunk.choices().isEmpty()) {
                usageChunk = chunk;
            }
            chunk = chunk.withUsage(null);
        }
        if (chunk.choices().isEmpty()) {
            pendingExtra.putAll(chunk.extra());
            return null;
        }
        if (!pendingExtra.isEmpty()) {
            Map<String, Object> extra = new LinkedHashMap<>(pendingExtra);
            extra.putAll(chunk.extra());
            pendingExtra.clear();
            chunk = new ChatChunk(chunk.id(), chunk.object(), chunk.created(), chunk.model(), chunk.systemFingerprint(),
                    chunk.choices(), null, extra, null);
        }
        last = chunk;
        return chunk;
    }

    /** When the body has ended (or was cut after {@code [DONE]}): nothing more, or the error of a stream cut short. */
    private Flux<ChatChunk> end() {
        if (!done) {
            return Flux.error(ProviderHttp.cutStream(call, "data: [DONE]"));
        }
        return Flux.empty();
    }

    /** The usage-only chunk that closes a stream, or null when the provider reported no usage. */
    private @Nullable ChatChunk closingUsageChunk() {
        if (usage == null) {
            return null;
        }
        ChatChunk base = usageChunk != null ? usageChunk : last;
        if (base == null) {
            return ChatChunk.of("chatcmpl-" + java.util.UUID.randomUUID(), call.clock().millis() / 1000, call.model(), List.of(), usage);
        }
        String id = base.id().isEmpty() && last != null ? last.id() : base.id();
        String model = base.model().isEmpty() && last != null ? last.model() : base.model();
        Map<String, Object> extra = base == usageChunk ? base.extra() : Map.of();
        return new ChatChunk(id, ChatChunk.OBJECT, base.created(), model, base.systemFingerprint(), List.of(), usage, extra, null);
    }
}
