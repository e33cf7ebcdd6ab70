package dev.llmux.internal.json;

import dev.llmux.api.ChatMessage;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads a message by its {@code role}; a role llmux does not know becomes {@link ChatMessage.UnknownMessage}. */
public final class ChatMessageDeserializer extends ValueDeserializer<ChatMessage> {
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
        Class<? extends ChatMessage> type = switch (role) {
            case "system" -> ChatMessage.SystemMessage.class;
            case "developer" -> ChatMessage.DeveloperMessage.class;
            case "user" -> ChatMessage.UserMessage.class;
            case "assistant" -> ChatMessage.AssistantMessage.class;
            case "tool" -> ChatMessage.ToolMessage.class;
            default -> null;
        };
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
        return ctxt.readTreeAsValue(node, type);
    }
}
