package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatChunk.Delta;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns Anthropic stream events into OpenAI chunks. One instance per stream; not thread-safe (events arrive in
 * order on one subscriber).
 *
 * <p>What comes out:
 * <ul>
 *   <li>{@code message_start}: a chunk with {@code role: assistant} and empty content.
 *   <li>text deltas: {@code content}; thinking deltas: {@code reasoning_content}. When a thinking block closes, one
 *       delta carries the complete block (text and signature) in {@code thinking_blocks}, so a consumer rebuilding
 *       the message appends blocks and never has to stitch signatures; a {@code redacted_thinking} block, which
 *       arrives whole, is emitted the same way.
 *   <li>{@code tool_use}: OpenAI tool-call deltas keyed by {@code index} (0, 1, … over tool calls, not Anthropic's
 *       block index): the first carries id, type and name with empty arguments, then each {@code partial_json}
 *       fragment as an arguments piece; a call whose input never arrived gets {@code "{}"}.
 *   <li>emulated structured output: the {@code json_tool_call} arguments stream as {@code content}, and a
 *       {@code tool_use} stop becomes {@code stop}.
 *   <li>{@code message_delta}: an empty delta with the finish reason; {@code message_stop}: the usage-only chunk.
 *   <li>{@code error}: thrown as the mapped {@link dev.llmux.error.LlmuxException}.
 * </ul>
 */
public final class StreamAssembler {

    private final boolean jsonToolMode;
    private final long created;
    private final ErrorMapper errors;

    private String id = "";
    private String model = "";
    private AnthropicWire.@Nullable Usage usage;
    private final Map<Integer, BlockState> blocks = new HashMap<>();
    private int toolCalls;
    private boolean stopped;

    /** @param errors maps an in-stream {@code error} event */
    public StreamAssembler(boolean jsonToolMode, long created, ErrorMapper errors) {
        this.jsonToolMode = jsonToolMode;
        this.created = created;
        this.errors = errors;
    }

    /** Maps an in-stream error object to the exception to fail the stream with. */
    @FunctionalInterface
    public interface ErrorMapper {
        RuntimeException map(AnthropicWire.@Nullable ErrorBody error);
    }

    private static final class BlockState {
        final String type;
        final int toolIndex;
        final StringBuilder text = new StringBuilder();
        @Nullable String signature;
        boolean sawInput;

        BlockState(String type, int toolIndex) {
            this.type = type;
            this.toolIndex = toolIndex;
        }
    }

    /** True once {@code message_stop} arrived: the stream ended as the provider meant it to. */
    public boolean isStopped() {
        return stopped;
    }

    public List<ChatChunk> onEvent(AnthropicWire.Event e) {
        if (stopped) {
            return List.of();
        }
        return switch (e.type() == null ? "" : e.type()) {
            case "message_start" -> {
                if (e.message() != null) {
                    id = e.message().id() == null ? id : e.message().id();
                    model = e.message().model() == null ? model : e.message().model();
                    usage = e.message().usage();
                }
                yield List.of(chunk(new Delta("assistant", "", null, null, null, null)));
            }
            case "content_block_start" -> blockStart(index(e), e.contentBlock());
            case "content_block_delta" -> blockDelta(index(e), e.delta());
            case "content_block_stop" -> blockStop(index(e));
            case "message_delta" -> {
                usage = usage == null ? e.usage() : usage.overriddenBy(e.usage());
                String reason = e.delta() == null ? null : e.delta().stopReason();
                FinishReason finish = ResponseMapper.finishReason(reason);
                if (jsonToolMode && FinishReason.TOOL_CALLS.equals(finish) && toolCalls == 0) {
                    finish = FinishReason.STOP;
                }
                yield List.of(ChatChunk.of(id, created, model, Delta.EMPTY, finish));
            }
            case "message_stop" -> {
                stopped = true;
                yield usage == null ? List.of() : List.of(ChatChunk.of(id, created, model, List.of(), ResponseMapper.usage(usage)));
            }
            case "error" -> throw errors.map(e.error());
            default -> List.of(); // ping, and event types added later
        };
    }

    private static int index(AnthropicWire.Event e) {
        return e.index() == null ? 0 : e.index();
    }

    private List<ChatChunk> blockStart(int index, AnthropicWire.@Nullable Block block) {
        if (block == null) {
            return List.of();
        }
        switch (block.type() == null ? "" : block.type()) {
            case "text" -> {
                blocks.put(index, new BlockState("text", -1));
                return block.text() == null || block.text().isEmpty() ? List.of() : List.of(chunk(Delta.content(block.text())));
            }
            case "thinking" -> {
                BlockState s = new BlockState("thinking", -1);
                s.text.append(block.thinking() == null ? "" : block.thinking());
                s.signature = block.signature() == null || block.signature().isEmpty() ? null : block.signature();
                blocks.put(index, s);
                return s.text.isEmpty() ? List.of() : List.of(chunk(Delta.reasoning(s.text.toString())));
            }
            case "redacted_thinking" -> {
                return List.of(chunk(Delta.thinkingBlock(ThinkingBlock.redacted(block.data() == null ? "" : block.data()))));
            }
            case "tool_use" -> {
                if (jsonToolMode && RequestMapper.JSON_TOOL.equals(block.name())) {
                    blocks.put(index, new BlockState("json", -1));
                    return List.of();
                }
                int toolIndex = toolCalls++;
                blocks.put(index, new BlockState("tool_use", toolIndex));
                ToolCall call = new ToolCall(toolIndex, block.id(), "function", new ToolCall.FunctionCall(block.name(), ""));
                return List.of(chunk(Delta.toolCalls(List.of(call))));
            }
            default -> {
                return List.of(); // server tool blocks have no OpenAI equivalent
            }
        }
    }

    private List<ChatChunk> blockDelta(int index, AnthropicWire.@Nullable Delta delta) {
        BlockState s = blocks.get(index);
        if (delta == null || delta.type() == null || s == null) {
            return List.of();
        }
        switch (delta.type()) {
            case "text_delta" -> {
                return delta.text() == null || delta.text().isEmpty() ? List.of() : List.of(chunk(Delta.content(delta.text())));
            }
            case "thinking_delta" -> {
                String t = delta.thinking() == null ? "" : delta.thinking();
                s.text.append(t);
                return t.isEmpty() ? List.of() : List.of(chunk(Delta.reasoning(t)));
            }
            case "signature_delta" -> {
                s.signature = delta.signature();
                return List.of();
            }
            case "input_json_delta" -> {
                String part = delta.partialJson();
                if (part == null || part.isEmpty()) {
                    return List.of();
                }
                s.sawInput = true;
                if (s.type.equals("json")) {
                    return List.of(chunk(Delta.content(part)));
                }
                if (s.type.equals("tool_use")) {
                    return List.of(chunk(Delta.toolCalls(List.of(argumentsPiece(s.toolIndex, part)))));
                }
                return List.of();
            }
            default -> {
                return List.of(); // citations_delta and later delta types
            }
        }
    }

    private List<ChatChunk> blockStop(int index) {
        BlockState s = blocks.remove(index);
        if (s == null) {
            return List.of();
        }
        return switch (s.type) {
            case "thinking" -> List.of(chunk(Delta.thinkingBlock(ThinkingBlock.thinking(s.text.toString(), s.signature))));
            case "tool_use" -> s.sawInput ? List.of() : List.of(chunk(Delta.toolCalls(List.of(argumentsPiece(s.toolIndex, "{}")))));
            case "json" -> s.sawInput ? List.of() : List.of(chunk(Delta.content("{}")));
            default -> List.of();
        };
    }

    private static ToolCall argumentsPiece(int toolIndex, String arguments) {
        return new ToolCall(toolIndex, null, null, new ToolCall.FunctionCall(null, arguments));
    }

    private ChatChunk chunk(Delta delta) {
        return ChatChunk.of(id, created, model, delta, null);
    }
}
