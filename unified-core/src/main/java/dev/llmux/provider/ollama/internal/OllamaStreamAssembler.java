package dev.llmux.provider.ollama.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the NDJSON lines of one {@code /api/chat} stream into OpenAI chunks. Ollama sends text and thinking as
 * deltas and each tool call whole in one line; the final {@code done: true} line carries {@code done_reason} and
 * the token counts, which become a finish chunk and a usage-only chunk. Not thread-safe: one per stream.
 */
public final class OllamaStreamAssembler {

    private final String requestedModel;
    private final Clock clock;
    private final Supplier<String> ids;
    private String id;
    private long created;
    private String model;
    private boolean started;
    private int toolCalls;
    private boolean done;

    public OllamaStreamAssembler(String requestedModel, Clock clock, Supplier<String> ids) {
        this.requestedModel = requestedModel;
        this.clock = clock;
        this.ids = ids;
    }

    /** True once the {@code done: true} line arrived: the stream ended as Ollama meant it to. */
    public boolean isDone() {
        return done;
    }

    /** The chunks one line yields (an error line must be handled by the caller before this). */
    public List<ChatChunk> accept(OllamaWire.ChatResponse line) {
        if (!started) {
            id = "chatcmpl-" + ids.get();
            created = OllamaResponseMapper.created(line.createdAt(), clock);
            model = OllamaResponseMapper.model(line, requestedModel);
        }
        List<ChatChunk> out = new ArrayList<>(3);
        OllamaWire.Message m = line.message();
        String content = m == null || m.content() == null || m.content().isEmpty() ? null : m.content();
        String thinking = m == null || m.thinking() == null || m.thinking().isEmpty() ? null : m.thinking();
        List<ToolCall> calls = OllamaResponseMapper.toolCalls(m == null ? null : m.toolCalls(), ids, true, toolCalls);
        toolCalls += calls.size();
        if (!started || content != null || thinking != null || !calls.isEmpty()) {
            String role = started ? null : "assistant";
            // the first chunk always names the role, as OpenAI's does, even when it carries no text yet
            String text = content == null && !started && thinking == null && calls.isEmpty() ? "" : content;
            out.add(ChatChunk.of(id, created, model,
                    new ChatChunk.Delta(role, text, null, calls.isEmpty() ? null : calls, thinking, null), null));
            started = true;
        }
        if (line.isDone()) {
            done = true;
            out.add(ChatChunk.of(id, created, model, ChatChunk.Delta.EMPTY,
                    OllamaResponseMapper.finishReason(line.doneReason(), toolCalls > 0)));
            Usage usage = OllamaResponseMapper.usage(line);
            if (usage != null) {
                out.add(ChatChunk.of(id, created, model, List.of(), usage));
            }
        }
        return out;
    }
}
