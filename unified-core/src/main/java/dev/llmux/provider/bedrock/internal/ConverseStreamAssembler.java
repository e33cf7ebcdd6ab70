package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatChunk.Delta;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.ProviderHttp;
import dev.llmux.spi.ProviderCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * ConverseStream events → OpenAI chunks, one assembler per stream (not thread-safe). Event payloads are the
 * event's own structure (wire-formats §5.4). Text arrives as deltas without a block start; a tool call's id and
 * name arrive in {@code contentBlockStart} and its input as JSON fragments, which pass through as OpenAI
 * argument fragments. Usage arrives in {@code metadata}, after {@code messageStop}; the stream is complete only
 * when both came.
 */
public final class ConverseStreamAssembler {

    private final ProviderCall call;
    private final String id;
    private final long created;
    private final String model;
    private final @Nullable String jsonTool;

    /** contentBlockIndex → OpenAI tool_calls index, for tool blocks. */
    private final Map<Integer, Integer> toolSlots = new HashMap<>();
    /** contentBlockIndex of the forced structured-output tool, whose input is streamed as content. */
    private @Nullable Integer jsonBlock;
    private int nextSlot;
    /** Reasoning text so far, for the reasoning-token estimate in the usage chunk. */
    private final StringBuilder reasoning = new StringBuilder();
    private boolean stopped;
    private boolean metadata;
    private final ConverseEventReader events = new ConverseEventReader();

    public ConverseStreamAssembler(ProviderCall call, String id, long created, String model, @Nullable String jsonTool) {
        this.call = call;
        this.id = id;
        this.created = created;
        this.model = model;
        this.jsonTool = jsonTool;
    }

    /** The chunks one message yields; an exception or error frame throws its llmux error. */
    public List<ChatChunk> accept(EventStreamMessage message) {
        String messageType = message.messageType();
        if ("exception".equals(messageType)) {
            throw BedrockErrors.fromExceptionFrame(call, message);
        }
        if ("error".equals(messageType)) {
            throw BedrockErrors.fromErrorFrame(call, message);
        }
        if (messageType != null && !"event".equals(messageType)) {
            return List.of();
        }
        String event = message.eventType();
        if (event == null) {
            throw malformed("an event frame without :event-type", null);
        }
        byte[] bytes = message.payload();
        switch (event) { // the plain events, read without the tree (null when not plain)
            case "contentBlockDelta" -> {
                String text = events.text(bytes);
                if (text != null) {
                    return List.of(chunk(Delta.content(text), null)); // what blockDelta makes of it
                }
            }
            case "messageStart" -> {
                String role = events.role(bytes);
                if (role != null) {
                    return List.of(chunk(Delta.role(role), null));
                }
            }
            case "messageStop" -> {
                String reason = events.stopReason(bytes);
                if (reason != null) {
                    return messageStop(reason);
                }
            }
            case "metadata" -> {
                ConverseResponseMapper.Counts usage = events.usage(bytes);
                if (usage != null) {
                    metadata = true;
                    return List.of(ChatChunk.of(id, created, model, List.of(), ConverseResponseMapper.usage(usage, reasoning.toString())));
                }
            }
            case "contentBlockStop" -> {
                if (events.isObject(bytes)) {
                    return List.of(); // needs no chunk
                }
            }
            default -> { }
        }
        JsonNode payload = payload(message);
        return switch (event) {
            case "messageStart" -> List.of(chunk(Delta.role(Json.text(payload, "role") == null ? "assistant" : Json.text(payload, "role")), null));
            case "contentBlockStart" -> blockStart(payload);
            case "contentBlockDelta" -> blockDelta(payload);
            case "messageStop" -> messageStop(Json.text(payload, "stopReason"));
            case "metadata" -> {
                metadata = true;
                JsonNode usage = payload.get("usage");
                yield usage == null || !usage.isObject()
                        ? List.of()
                        : List.of(ChatChunk.of(id, created, model, List.of(), ConverseResponseMapper.usage(usage, reasoning.toString())));
            }
            // contentBlockStop needs no chunk; unknown future events are ignored, like unknown fields.
            default -> List.of();
        };
    }

    /** Called when the body ends: a stream without messageStop and metadata was cut. */
    public void complete() {
        if (!stopped || !metadata) {
            throw ProviderHttp.cutStream(call, stopped ? "its metadata event (usage)" : "messageStop and metadata");
        }
    }

    private List<ChatChunk> blockStart(JsonNode payload) {
        JsonNode use = payload.path("start").path("toolUse");
        if (!use.isObject()) {
            return List.of();
        }
        int index = payload.path("contentBlockIndex").asInt(0);
        String name = Json.text(use, "name");
        if (jsonTool != null && jsonTool.equals(name) && jsonBlock == null) {
            jsonBlock = index;
            return List.of();
        }
        int slot = nextSlot++;
        toolSlots.put(index, slot);
        ToolCall start = new ToolCall(slot, Json.text(use, "toolUseId"), "function", new ToolCall.FunctionCall(name, ""));
        return List.of(chunk(Delta.toolCalls(List.of(start)), null));
    }

    private List<ChatChunk> blockDelta(JsonNode payload) {
        int index = payload.path("contentBlockIndex").asInt(0);
        JsonNode delta = payload.path("delta");
        if (delta.has("text")) {
            return List.of(chunk(Delta.content(delta.get("text").asString()), null));
        }
        if (delta.has("toolUse")) {
            String fragment = Json.text(delta.get("toolUse"), "input");
            if (fragment == null || fragment.isEmpty()) {
                return List.of();
            }
            if (jsonBlock != null && jsonBlock == index) {
                return List.of(chunk(Delta.content(fragment), null));
            }
            Integer slot = toolSlots.get(index);
            if (slot == null) {
                throw malformed("tool input for content block " + index + " before its contentBlockStart", null);
            }
            return List.of(chunk(Delta.toolCalls(List.of(new ToolCall(slot, null, null, new ToolCall.FunctionCall(null, fragment)))), null));
        }
        if (delta.has("reasoningContent")) {
            JsonNode rc = delta.get("reasoningContent");
            if (rc.has("text")) {
                String t = rc.get("text").asString();
                reasoning.append(t);
                return List.of(chunk(new Delta(null, null, null, null, t, List.of(ThinkingBlock.thinking(t, null))), null));
            }
            if (rc.has("signature")) {
                // The signature closes the thinking block the text deltas opened.
                return List.of(chunk(Delta.thinkingBlock(ThinkingBlock.thinking("", rc.get("signature").asString())), null));
            }
            if (rc.has("redactedContent")) {
                return List.of(chunk(Delta.thinkingBlock(ThinkingBlock.redacted(rc.get("redactedContent").asString())), null));
            }
        }
        return List.of();
    }

    private List<ChatChunk> messageStop(@Nullable String reason) {
        stopped = true;
        if (reason == null) {
            throw malformed("messageStop without stopReason", null);
        }
        if (ConverseResponseMapper.isMalformedStop(reason)) {
            throw malformedOutput(call, reason);
        }
        FinishReason finish = ConverseResponseMapper.finishReason(reason);
        if (jsonBlock != null && toolSlots.isEmpty() && FinishReason.TOOL_CALLS.equals(finish)) {
            finish = FinishReason.STOP;
        }
        return List.of(chunk(Delta.EMPTY, finish));
    }

    private ChatChunk chunk(Delta delta, @Nullable FinishReason finish) {
        return ChatChunk.of(id, created, model, delta, finish);
    }

    private JsonNode payload(EventStreamMessage message) {
        try {
            JsonNode node = Json.tree(message.payload());
            if (!node.isObject()) {
                throw malformed("a " + message.eventType() + " payload that is not a JSON object", null);
            }
            return node;
        } catch (JacksonException e) {
            throw malformed("a " + message.eventType() + " payload that is not JSON", e);
        }
    }

    private BadGatewayException malformed(String what, @Nullable Throwable cause) {
        return new BadGatewayException(call.provider() + " stream sent " + what, ErrorDetails.of(call.provider(), call.model(), 502), cause);
    }

    /** {@code malformed_model_output} / {@code malformed_tool_use}: the model produced output Bedrock could not use. */
    public static BadGatewayException malformedOutput(ProviderCall call, String stopReason) {
        return new BadGatewayException(call.provider() + " model stopped with " + stopReason + " (its output could not be parsed)",
                ErrorDetails.of(call.provider(), call.model(), 502).withType(stopReason, null, null));
    }
}
