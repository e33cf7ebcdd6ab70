package dev.llmux.provider.gemini.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatChunk.ChunkChoice;
import dev.llmux.api.ChatChunk.Delta;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * Gemini SSE events → OpenAI chunks. Each event is a whole {@code GenerateContentResponse} holding only the new
 * parts, so mapping is per event; the assembler remembers the response id, which choices have started, their
 * tool-call counts, the finish reasons and the latest usage. Function calls arrive whole and become one
 * tool-call delta each, with their index. One instance per stream; not thread-safe.
 */
public final class GeminiStreamAssembler {

    private final ProviderCall call;
    private final long created;
    private @Nullable String id;
    private @Nullable String model;
    private final Map<Integer, Integer> toolCallCount = new HashMap<>();
    private final Map<Integer, Boolean> started = new HashMap<>();
    private final Map<Integer, FinishReason> finished = new HashMap<>();
    private GeminiWire.@Nullable UsageMetadata usage;

    public GeminiStreamAssembler(ProviderCall call, long created) {
        this.call = call;
        this.created = created;
    }

    /** Decodes a stream of SSE events; fails on errors, blocked prompts, malformed events and cut streams. */
    public static Flux<ChatChunk> assemble(Flux<SseEvent> events, ProviderCall call, long created) {
        return Flux.defer(() -> {
            GeminiStreamAssembler a = new GeminiStreamAssembler(call, created);
            return events.concatMapIterable(a::onEvent).concatWith(Flux.defer(a::onComplete));
        });
    }

    List<ChatChunk> onEvent(SseEvent event) {
        if (event.data().isBlank()) {
            return List.of();
        }
        GeminiWire.Response res = ProviderHttp.parse(call, event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8), GeminiWire.Response.class);
        if (res.error() != null && res.error().isObject()) {
            throw GeminiErrors.fromError(call, 200, Map.of(), res.error());
        }
        String blocked = GeminiResponseMapper.blockReason(res);
        if (blocked != null) {
            throw new ContentPolicyViolationException(call.provider() + " blocked the prompt: " + blocked,
                    new ErrorDetails(call.provider(), call.model(), 400, "prompt_blocked", res.promptFeedback().blockReason(), null, null, Map.of()));
        }
        if (id == null) {
            id = GeminiResponseMapper.responseId(res);
        }
        if (res.modelVersion() != null) {
            model = res.modelVersion();
        }
        if (res.usageMetadata() != null) {
            usage = res.usageMetadata();
        }
        List<ChatChunk> out = new ArrayList<>();
        for (GeminiWire.Candidate c : res.candidatesOrEmpty()) {
            candidate(c, out);
        }
        return out;
    }

    private void candidate(GeminiWire.Candidate c, List<ChatChunk> out) {
        int index = c.indexOrZero();
        Object logprobs = GeminiLogprobs.toOpenAi(c.logprobsResult());
        for (GeminiWire.Part p : c.partsOrEmpty()) {
            Delta delta = delta(index, p);
            if (delta != null) {
                out.add(chunk(index, withRole(index, delta), null, logprobs));
                logprobs = null; // the event's logprobs go with its first delta
            }
        }
        if (c.finishReason() != null) {
            FinishReason reason = GeminiResponseMapper.finishReason(c.finishReason(), toolCallCount.getOrDefault(index, 0) > 0);
            finished.put(index, reason);
            out.add(chunk(index, withRole(index, Delta.EMPTY), reason, logprobs));
        }
    }

    private @Nullable Delta delta(int index, GeminiWire.Part p) {
        if (p.functionCall() != null) {
            int slot = toolCallCount.merge(index, 1, Integer::sum) - 1;
            ToolCall whole = GeminiResponseMapper.toolCall(p);
            ToolCall call = new ToolCall(slot, whole.id(), whole.type(), whole.function());
            return Delta.toolCalls(List.of(call));
        }
        if (p.isThought()) {
            String text = p.text() == null ? "" : p.text();
            List<ThinkingBlock> blocks = p.thoughtSignature() == null ? null : List.of(ThinkingBlock.thinking(text, p.thoughtSignature()));
            return new Delta(null, null, null, null, text.isEmpty() ? null : text, blocks);
        }
        List<ThinkingBlock> signed = p.thoughtSignature() == null ? null : List.of(ThinkingBlock.thinking("", p.thoughtSignature()));
        String text = p.text() == null || p.text().isEmpty() ? null : p.text();
        if (text == null && signed == null) {
            return null;
        }
        return new Delta(null, text, null, null, null, signed);
    }

    private Delta withRole(int index, Delta d) {
        if (started.putIfAbsent(index, Boolean.TRUE) != null) {
            return d;
        }
        return new Delta("assistant", d.content(), d.refusal(), d.toolCalls(), d.reasoningContent(), d.thinkingBlocks());
    }

    private ChatChunk chunk(int index, Delta delta, @Nullable FinishReason reason, @Nullable Object logprobs) {
        return ChatChunk.of(id, created, model == null ? call.model() : model, List.of(new ChunkChoice(index, delta, logprobs, reason)), null);
    }

    private Flux<ChatChunk> onComplete() {
        if (finished.isEmpty()) {
            return Flux.error(ProviderHttp.cutStream(call, "a candidate's finishReason"));
        }
        Usage u = GeminiResponseMapper.usage(usage);
        if (u == null) {
            return Flux.empty();
        }
        return Flux.just(ChatChunk.of(id, created, model == null ? call.model() : model, List.of(), u));
    }
}
