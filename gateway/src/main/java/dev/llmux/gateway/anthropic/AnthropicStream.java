package dev.llmux.gateway.anthropic;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.gateway.http.SseBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one stream of OpenAI chunks into Anthropic's event sequence: {@code message_start}, then per content block
 * {@code content_block_start} / {@code content_block_delta}s / {@code content_block_stop}, then {@code message_delta}
 * (stop reason and usage, from the finish and usage chunks) and {@code message_stop}. One instance per stream; not
 * thread-safe (a Flux delivers its items one at a time).
 */
final class AnthropicStream {

    private enum Block { NONE, TEXT, THINKING, TOOL }

    private final String model;
    private boolean started;
    private Block open = Block.NONE;
    private int index = -1;
    private int openToolIndex = -1;
    private @Nullable FinishReason finish;
    private @Nullable Usage usage;

    AnthropicStream(String model) {
        this.model = model;
    }

    List<byte[]> onChunk(ChatChunk c) {
        List<byte[]> out = new ArrayList<>();
        if (!started) {
            started = true;
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("id", c.id().startsWith("msg_") ? c.id() : "msg_" + c.id());
            msg.put("type", "message");
            msg.put("role", "assistant");
            msg.put("model", model);
            msg.put("content", List.of());
            msg.put("stop_reason", null);
            msg.put("stop_sequence", null);
            msg.put("usage", Map.of("input_tokens", 0, "output_tokens", 0));
            out.add(SseBody.named("message_start", Map.of("type", "message_start", "message", msg)));
        }
        if (c.usage() != null) {
            usage = c.usage();
        }
        if (c.choices().isEmpty()) {
            return out;
        }
        ChatChunk.ChunkChoice choice = c.choices().get(0);
        ChatChunk.Delta d = choice.delta();
        if (d.reasoningContent() != null && !d.reasoningContent().isEmpty()) {
            ensure(Block.THINKING, out, () -> Map.of("type", "thinking", "thinking", "", "signature", ""));
            out.add(delta(Map.of("type", "thinking_delta", "thinking", d.reasoningContent())));
        }
        if (d.thinkingBlocks() != null) {
            for (ThinkingBlock t : d.thinkingBlocks()) {
                if (t.signature() != null && !t.signature().isEmpty()) {
                    ensure(Block.THINKING, out, () -> Map.of("type", "thinking", "thinking", "", "signature", ""));
                    out.add(delta(Map.of("type", "signature_delta", "signature", t.signature())));
                }
            }
        }
        if (d.content() != null && !d.content().isEmpty()) {
            ensure(Block.TEXT, out, () -> Map.of("type", "text", "text", ""));
            out.add(delta(Map.of("type", "text_delta", "text", d.content())));
        }
        if (d.toolCalls() != null) {
            for (ToolCall call : d.toolCalls()) {
                int ti = call.index() == null ? 0 : call.index();
                if (open != Block.TOOL || ti != openToolIndex || call.id() != null) {
                    close(out);
                    open = Block.TOOL;
                    openToolIndex = ti;
                    index++;
                    Map<String, Object> start = AnthropicResponses.toolUse(call.id(),
                            call.function() == null ? null : call.function().name(), Map.of());
                    out.add(SseBody.named("content_block_start",
                            Map.of("type", "content_block_start", "index", index, "content_block", start)));
                }
                String args = call.function() == null ? null : call.function().arguments();
                if (args != null && !args.isEmpty()) {
                    out.add(delta(Map.of("type", "input_json_delta", "partial_json", args)));
                }
            }
        }
        if (choice.finishReason() != null) {
            finish = choice.finishReason();
        }
        return out;
    }

    /** The closing events, after the last chunk. */
    List<byte[]> finish() {
        List<byte[]> out = new ArrayList<>();
        if (!started) {
            return out;
        }
        close(out);
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", AnthropicResponses.stopReason(finish == null ? FinishReason.STOP : finish));
        delta.put("stop_sequence", null);
        out.add(SseBody.named("message_delta", Map.of("type", "message_delta", "delta", delta,
                "usage", AnthropicResponses.usage(usage))));
        out.add(SseBody.named("message_stop", Map.of("type", "message_stop")));
        return out;
    }

    private void ensure(Block kind, List<byte[]> out, java.util.function.Supplier<Map<String, Object>> block) {
        if (open == kind) {
            return;
        }
        close(out);
        open = kind;
        index++;
        out.add(SseBody.named("content_block_start", Map.of("type", "content_block_start", "index", index, "content_block", block.get())));
    }

    private void close(List<byte[]> out) {
        if (open != Block.NONE) {
            out.add(SseBody.named("content_block_stop", Map.of("type", "content_block_stop", "index", index)));
            open = Block.NONE;
            openToolIndex = -1;
        }
    }

    private byte[] delta(Map<String, Object> delta) {
        return SseBody.named("content_block_delta", Map.of("type", "content_block_delta", "index", index, "delta", delta));
    }
}
