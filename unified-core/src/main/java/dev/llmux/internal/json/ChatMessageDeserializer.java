package dev.llmux.internal.json;

import dev.llmux.api.ChatMessage;
import java.util.concurrent.atomic.AtomicReferenceArray;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.node.TreeTraversingParser;

/** Reads a message by its {@code role}; a role llmux does not know becomes {@link ChatMessage.UnknownMessage}. */
public final class ChatMessageDeserializer extends ValueDeserializer<ChatMessage> {

    /**
     * The per-role record deserializers, found once. {@code ctxt.readTreeAsValue} looks the root deserializer up and
     * contextualizes it again on every call (a new bean deserializer and property-name matcher per message), which
     * showed up as one of the largest allocation sites of every chat request in the gateway. Each instance belongs
     * to one mapper's deserializer, so the cached deserializers match its configuration. Racing threads may both
     * look one up; either result is correct.
     */
    private final AtomicReferenceArray<ValueDeserializer<?>> byRole = new AtomicReferenceArray<>(5);
    @Override
    public ChatMessage deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject()) {
            return (ChatMessage) ctxt.reportInputMismatch(ChatMessage.class, "a message must be an object, got %s", node.getNodeType());
        }
        String role = Json.text(node, "role");
        if (role == null) {
            return (ChatMessage) ctxt.reportInputMismatch(ChatMessage.class, "a message needs a \"role\"");
        }
        int slot = switch (role) {
            case "system" -> 0;
            case "developer" -> 1;
            case "user" -> 2;
            case "assistant" -> 3;
            case "tool" -> 4;
            default -> -1;
        };
        Class<? extends ChatMessage> type = slot < 0 ? null : TYPES[slot];
        if (type == null) {
            return new ChatMessage.UnknownMessage(role, Json.toMap(node));
        }
        if (type != ChatMessage.AssistantMessage.class) {
            JsonNode content = node.get("content");
            if (content == null || content.isNull()) {
                return (ChatMessage) ctxt.reportInputMismatch(type, "a %s message needs \"content\"", role);
            }
        }
        if (type == ChatMessage.ToolMessage.class && Json.text(node, "tool_call_id") == null) {
            return (ChatMessage) ctxt.reportInputMismatch(type, "a tool message needs \"tool_call_id\"");
        }
        return read(node, slot, ctxt);
    }

    private static final Class<? extends ChatMessage>[] TYPES = types();

    @SuppressWarnings("unchecked")
    private static Class<? extends ChatMessage>[] types() {
        return new Class[] {ChatMessage.SystemMessage.class, ChatMessage.DeveloperMessage.class,
                ChatMessage.UserMessage.class, ChatMessage.AssistantMessage.class, ChatMessage.ToolMessage.class};
    }

    /** What {@code ctxt.readTreeAsValue(node, TYPES[slot])} does, with the deserializer looked up only once. */
    private ChatMessage read(JsonNode node, int slot, DeserializationContext ctxt) {
        ValueDeserializer<?> deser = byRole.get(slot);
        if (deser == null) {
            deser = ctxt.findRootValueDeserializer(ctxt.constructType(TYPES[slot]));
            byRole.set(slot, deser);
        }
        try (TreeTraversingParser p = new TreeTraversingParser(node, ctxt)) {
            p.nextToken();
            return (ChatMessage) deser.deserialize(p, ctxt);
        }
    }
}
