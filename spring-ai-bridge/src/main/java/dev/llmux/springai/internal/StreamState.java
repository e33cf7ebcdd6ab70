package dev.llmux.springai.internal;

import dev.llmux.StreamAggregator;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/**
 * Turns llmux chunks into the Spring AI stream {@code ChatClient} expects: text as it arrives, but tool calls only
 * complete (Spring AI's aggregator appends tool calls and cannot merge argument fragments), together with the finish
 * reason and usage in one final response. Not thread-safe: one per stream.
 */
public final class StreamState {

    private final StreamAggregator aggregator = new StreamAggregator();
    private final TreeMap<Integer, String[]> calls = new TreeMap<>(); // index -> {id, name, arguments}
    private @Nullable FinishReason finish;
    private @Nullable Usage usage;
    private @Nullable CallInfo callInfo;
    private String id = "";
    private String model = "";
    private boolean finalSent;

    /** The responses to emit for this chunk (often one text piece, often none). */
    public List<ChatResponse> onChunk(ChatChunk chunk) {
        aggregator.accept(chunk);
        id = chunk.id();
        model = chunk.model();
        if (chunk.callInfo() != null) {
            callInfo = chunk.callInfo();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        List<ChatResponse> out = new ArrayList<>(1);
        for (ChatChunk.ChunkChoice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            ChatChunk.Delta d = choice.delta();
            if (d.toolCalls() != null) {
                for (ToolCall tc : d.toolCalls()) {
                    int index = tc.index() != null ? tc.index() : calls.size();
                    String[] slot = calls.computeIfAbsent(index, k -> new String[] {null, null, ""});
                    slot[0] = tc.id() != null ? tc.id() : slot[0];
                    slot[1] = tc.name() != null ? tc.name() : slot[1];
                    slot[2] += tc.arguments() == null ? "" : tc.arguments();
                }
            }
            if ((d.content() != null && !d.content().isEmpty()) || (d.reasoningContent() != null && !d.reasoningContent().isEmpty())) {
                out.add(new ChatResponse(List.of(ResponseMapper.generation(d.content(), List.of(), d.reasoningContent(), null, null, 0,
                        chunk.id(), null)), ResponseMapper.metadata(chunk.id(), chunk.model(), null, callInfo)));
            }
            if (choice.finishReason() != null) {
                finish = choice.finishReason();
            }
        }
        return out;
    }

    /** The final response: complete tool calls, finish reason and usage; empty when already sent. */
    public List<ChatResponse> onComplete() {
        if (finalSent) {
            return List.of();
        }
        finalSent = true;
        List<ToolCall> complete = new ArrayList<>();
        calls.values().forEach(s -> complete.add(ToolCall.function(s[0], s[1], s[2].isBlank() ? "{}" : s[2])));
        Generation g = ResponseMapper.generation("", complete, null, null, null, 0, id, finish);
        return List.of(new ChatResponse(List.of(g), ResponseMapper.metadata(id, model, usage, callInfo)));
    }

    /** The whole answer, for the observation. */
    public @Nullable ChatResponse aggregate() {
        try {
            return ResponseMapper.toSpring(aggregator.result());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
