package dev.llmux.provider.cohere.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns Cohere's v2 stream events into OpenAI chunks: text and thinking deltas, the tool plan as text, tool calls
 * started and extended by index, and {@code message-end} as a finish chunk plus a usage-only chunk. Citations
 * streamed by {@code citation-start} are gathered and sent whole on the finish chunk as a top-level
 * {@code citations} field (OpenAI's delta has no place for them). Not thread-safe: one per stream.
 */
public final class CohereStreamAssembler {

    private final String provider;
    private final String model;
    private final long created;
    private String id = "";
    private boolean started;
    private boolean done;
    private final List<JsonNode> citations = new ArrayList<>();

    public CohereStreamAssembler(String provider, String model, long created) {
        this.provider = provider;
        this.model = model;
        this.created = created;
    }

    /** True once {@code message-end} arrived. */
    public boolean isDone() {
        return done;
    }

    /**
     * The chunks one event yields.
     *
     * @param type the event type ({@code data.type}, else the SSE {@code event:} name)
     * @throws dev.llmux.error.LlmuxException when {@code message-end} reports {@code ERROR} or {@code TIMEOUT}
     */
    public List<ChatChunk> accept(String type, JsonNode data) {
        JsonNode message = data.path("delta").path("message");
        switch (type) {
            case "message-start" -> {
                String given = Json.text(data, "id");
                id = given == null ? "" : given;
                return start(null, null, null);
            }
            case "content-start", "content-delta" -> {
                JsonNode content = message.path("content");
                String text = nonEmpty(Json.text(content, "text"));
                String thinking = nonEmpty(Json.text(content, "thinking"));
                return text == null && thinking == null ? List.of() : start(text, thinking, null);
            }
            case "tool-plan-delta" -> {
                String plan = nonEmpty(Json.text(message, "tool_plan"));
                return plan == null ? List.of() : start(plan, null, null);
            }
            case "tool-call-start" -> {
                JsonNode tc = message.path("tool_calls");
                JsonNode f = tc.path("function");
                String args = Json.text(f, "arguments");
                return start(null, null, new ToolCall(data.path("index").asInt(0), Json.text(tc, "id"), "function",
                        new ToolCall.FunctionCall(Json.text(f, "name"), args == null ? "" : args)));
            }
            case "tool-call-delta" -> {
                String args = Json.text(message.path("tool_calls").path("function"), "arguments");
                return args == null || args.isEmpty()
                        ? List.of()
                        : start(null, null, new ToolCall(data.path("index").asInt(0), null, null, new ToolCall.FunctionCall(null, args)));
            }
            case "citation-start" -> {
                JsonNode c = message.path("citations");
                if (c.isArray()) {
                    c.forEach(citations::add);
                } else if (c.isObject()) {
                    citations.add(c);
                }
                return List.of();
            }
            case "message-end" -> {
                return end(data.path("delta"));
            }
            default -> {
                return List.of(); // content-end, tool-call-end, citation-end, debug, and types added later
            }
        }
    }

    private List<ChatChunk> start(@Nullable String text, @Nullable String thinking, @Nullable ToolCall call) {
        String role = started ? null : "assistant";
        String content = text == null && !started && thinking == null && call == null ? "" : text;
        started = true;
        return List.of(ChatChunk.of(id, created, model,
                new ChatChunk.Delta(role, content, null, call == null ? null : List.of(call), thinking, null), null));
    }

    private List<ChatChunk> end(JsonNode delta) {
        List<ChatChunk> out = new ArrayList<>(3);
        FinishReason finish = CohereResponseMapper.finishReason(Json.text(delta, "finish_reason"), provider, model,
                errorText(delta.get("error")));
        done = true;
        if (!started) {
            out.addAll(start(null, null, null));
        }
        Map<String, Object> extra = citations.isEmpty() ? Map.of() : Map.of("citations", List.copyOf(citations));
        out.add(new ChatChunk(id, ChatChunk.OBJECT, created, model, null,
                List.of(new ChatChunk.ChunkChoice(0, ChatChunk.Delta.EMPTY, null, finish)), null, extra, null));
        JsonNode usageNode = delta.get("usage");
        Usage usage = usageNode == null || usageNode.isNull()
                ? null
                : CohereResponseMapper.usage(Json.MAPPER.treeToValue(usageNode, CohereWire.UsageInfo.class));
        if (usage != null) {
            out.add(ChatChunk.of(id, created, model, List.of(), usage));
        }
        return out;
    }

    private static @Nullable String errorText(@Nullable JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isString() ? error.asString() : error.toString();
    }

    private static @Nullable String nonEmpty(@Nullable String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
