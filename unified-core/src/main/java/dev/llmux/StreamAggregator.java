package dev.llmux;

import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rebuilds the complete {@link ChatResponse} a stream of {@link ChatChunk}s adds up to (LiteLLM's
 * {@code stream_chunk_builder}). Feed chunks in order with {@link #accept(ChatChunk)}, then call
 * {@link #result()}; or let {@link #aggregate(Flux)} do both.
 *
 * <p>How pieces merge, per choice index:
 * <ul>
 *   <li>{@code content}, {@code refusal} and {@code reasoning_content} are concatenated;</li>
 *   <li>tool calls are assembled by their {@code index}: {@code id}, {@code type} and {@code function.name} come
 *       from the first fragment that has them, {@code function.arguments} pieces are concatenated;</li>
 *   <li>thinking text is concatenated into the open thinking block; a signature closes that block (it may come
 *       in a later delta with no text); a redacted block always stands alone;</li>
 *   <li>the last non-null {@code finish_reason} wins.</li>
 * </ul>
 * The {@code id}, {@code created} time, {@code model} and {@code system_fingerprint} come from the first chunk
 * that has them, {@code usage} and {@link CallInfo} (with the call's cost) from the last chunk that has them.
 * Choices come out sorted by index. Not thread-safe: one instance per stream.
 */
public final class StreamAggregator {

    private @Nullable String id;
    private long created;
    private @Nullable String model;
    private @Nullable String systemFingerprint;
    private @Nullable Usage usage;
    private @Nullable CallInfo callInfo;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final TreeMap<Integer, ChoiceBuilder> choices = new TreeMap<>();
    private int chunks;

    /** Reduces a stream to its complete response; fails when the stream fails or has no chunks. */
    public static Mono<ChatResponse> aggregate(Flux<ChatChunk> chunks) {
        Objects.requireNonNull(chunks, "chunks");
        return Mono.defer(() -> {
            StreamAggregator aggregator = new StreamAggregator();
            return chunks.doOnNext(aggregator::accept).then(Mono.fromCallable(aggregator::result));
        });
    }

    /** Adds the next chunk. */
    public StreamAggregator accept(ChatChunk chunk) {
        Objects.requireNonNull(chunk, "chunk");
        chunks++;
        if (id == null && !chunk.id().isEmpty()) {
            id = chunk.id();
        }
        if (created == 0) {
            created = chunk.created();
        }
        if ((model == null || model.isEmpty()) && !chunk.model().isEmpty()) {
            model = chunk.model();
        }
        if (systemFingerprint == null) {
            systemFingerprint = chunk.systemFingerprint();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.callInfo() != null) {
            callInfo = chunk.callInfo();
        }
        // chunk-level extras (Perplexity's citations, service_tier) repeat or grow: the latest value wins;
        // OpenAI's obfuscation padding is noise, not data
        chunk.extra().forEach((k, v) -> {
            if (!"obfuscation".equals(k)) {
                extra.put(k, v);
            }
        });
        for (ChatChunk.ChunkChoice c : chunk.choices()) {
            choices.computeIfAbsent(c.index(), ChoiceBuilder::new).accept(c);
        }
        return this;
    }

    /** How many chunks were accepted. */
    public int chunkCount() {
        return chunks;
    }

    /**
     * The response the accepted chunks add up to.
     *
     * @throws IllegalStateException when no chunk was accepted
     */
    public ChatResponse result() {
        if (chunks == 0) {
            throw new IllegalStateException("the stream had no chunks, so there is no response to build");
        }
        List<Choice> built = new ArrayList<>(choices.size());
        choices.values().forEach(c -> built.add(c.build()));
        Map<String, Object> ext = new LinkedHashMap<>(extra);
        Object tier = ext.remove("service_tier");
        return new ChatResponse(id == null ? "" : id, ChatResponse.OBJECT, created, model == null ? "" : model, systemFingerprint,
                tier instanceof String s ? s : null, built, usage, ext, callInfo);
    }

    /** One choice being assembled. */
    private static final class ChoiceBuilder {
        private final int index;
        private @Nullable StringBuilder content;
        private @Nullable StringBuilder refusal;
        private @Nullable StringBuilder reasoning;
        private final TreeMap<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
        private final List<ThinkingBuilder> thinking = new ArrayList<>();
        private @Nullable FinishReason finishReason;
        private @Nullable Object logprobs;

        ChoiceBuilder(int index) {
            this.index = index;
        }

        void accept(ChatChunk.ChunkChoice c) {
            ChatChunk.Delta d = c.delta();
            content = append(content, d.content());
            refusal = append(refusal, d.refusal());
            reasoning = append(reasoning, d.reasoningContent());
            if (d.toolCalls() != null) {
                d.toolCalls().forEach(this::acceptToolCall);
            }
            if (d.thinkingBlocks() != null) {
                d.thinkingBlocks().forEach(this::acceptThinking);
            }
            if (c.finishReason() != null) {
                finishReason = c.finishReason();
            }
            if (c.logprobs() != null) {
                logprobs = mergeLogprobs(logprobs, c.logprobs());
            }
        }

        private void acceptToolCall(ToolCall t) {
            int slot;
            if (t.index() != null) {
                slot = t.index();
            } else {
                // No index: some OpenAI-compatible servers send whole calls. A new id opens a slot, a bare
                // fragment continues the latest one.
                slot = slotForUnindexed(t);
            }
            toolCalls.computeIfAbsent(slot, k -> new ToolCallBuilder()).accept(t);
        }

        private int slotForUnindexed(ToolCall t) {
            if (t.id() != null) {
                for (Map.Entry<Integer, ToolCallBuilder> e : toolCalls.entrySet()) {
                    if (t.id().equals(e.getValue().id)) {
                        return e.getKey();
                    }
                }
                return toolCalls.isEmpty() ? 0 : toolCalls.lastKey() + 1;
            }
            return toolCalls.isEmpty() ? 0 : toolCalls.lastKey();
        }

        private void acceptThinking(ThinkingBlock b) {
            if (b.isRedacted()) {
                thinking.add(new ThinkingBuilder(b));
                return;
            }
            ThinkingBuilder open = thinking.isEmpty() ? null : thinking.get(thinking.size() - 1);
            if (open == null || !open.isOpenThinking() || !Objects.equals(open.type, b.type())) {
                open = new ThinkingBuilder(b.type());
                thinking.add(open);
            }
            open.accept(b);
        }

        Choice build() {
            List<ToolCall> calls = null;
            if (!toolCalls.isEmpty()) {
                calls = new ArrayList<>(toolCalls.size());
                for (ToolCallBuilder t : toolCalls.values()) {
                    calls.add(t.build());
                }
            }
            List<ThinkingBlock> blocks = null;
            if (!thinking.isEmpty()) {
                blocks = new ArrayList<>(thinking.size());
                for (ThinkingBuilder t : thinking) {
                    blocks.add(t.build());
                }
            }
            ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                    .content(content == null ? null : content.toString())
                    .refusal(refusal == null ? null : refusal.toString())
                    .toolCalls(calls)
                    .reasoningContent(reasoning == null ? null : reasoning.toString())
                    .thinkingBlocks(blocks)
                    .build();
            return new Choice(index, message, logprobs, finishReason);
        }

        private static @Nullable StringBuilder append(@Nullable StringBuilder sb, @Nullable String piece) {
            if (piece == null) {
                return sb;
            }
            return sb == null ? new StringBuilder(piece) : sb.append(piece);
        }

        /** OpenAI streams {@code logprobs.content} (and {@code .refusal}) token lists piecewise; join them. */
        @SuppressWarnings("unchecked")
        private static Object mergeLogprobs(@Nullable Object soFar, Object next) {
            if (!(soFar instanceof Map<?, ?> a) || !(next instanceof Map<?, ?> b)) {
                return soFar == null ? next : soFar;
            }
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) a);
            ((Map<String, Object>) b).forEach((k, v) -> {
                Object old = merged.get(k);
                if (old instanceof List<?> l1 && v instanceof List<?> l2) {
                    List<Object> joined = new ArrayList<>(l1);
                    joined.addAll(l2);
                    merged.put(k, joined);
                } else if (v != null || !merged.containsKey(k)) {
                    merged.put(k, v);
                }
            });
            return merged;
        }
    }

    private static final class ToolCallBuilder {
        private @Nullable String id;
        private @Nullable String type;
        private @Nullable String name;
        private final StringBuilder arguments = new StringBuilder();

        void accept(ToolCall t) {
            if (id == null && t.id() != null && !t.id().isEmpty()) {
                id = t.id();
            }
            if (type == null && t.type() != null) {
                type = t.type();
            }
            if (name == null && t.name() != null && !t.name().isEmpty()) {
                name = t.name();
            }
            if (t.arguments() != null) {
                arguments.append(t.arguments());
            }
        }

        ToolCall build() {
            return new ToolCall(null, id, type == null ? "function" : type, new ToolCall.FunctionCall(name, arguments.toString()));
        }
    }

    private static final class ThinkingBuilder {
        private final String type;
        private final StringBuilder text = new StringBuilder();
        private @Nullable String signature;
        private @Nullable String data;
        private boolean sawText;

        ThinkingBuilder(String type) {
            this.type = type;
        }

        ThinkingBuilder(ThinkingBlock complete) {
            this.type = complete.type();
            this.data = complete.data();
            this.signature = complete.signature();
            if (complete.thinking() != null) {
                text.append(complete.thinking());
                sawText = true;
            }
        }

        /** A thinking block stays open for more text until its signature arrives. */
        boolean isOpenThinking() {
            return !"redacted_thinking".equals(type) && signature == null && data == null;
        }

        void accept(ThinkingBlock b) {
            if (b.thinking() != null) {
                text.append(b.thinking());
                sawText = true;
            }
            if (b.signature() != null && !b.signature().isEmpty()) {
                signature = b.signature();
            }
            if (b.data() != null) {
                data = b.data();
            }
        }

        ThinkingBlock build() {
            return new ThinkingBlock(type, sawText ? text.toString() : null, signature, data);
        }
    }
}
