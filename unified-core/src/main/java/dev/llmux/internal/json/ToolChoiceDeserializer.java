package dev.llmux.internal.json;

import dev.llmux.api.ToolChoice;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads {@code tool_choice} in its string or object forms. */
public final class ToolChoiceDeserializer extends ValueDeserializer<ToolChoice> {
    @Override
    public ToolChoice deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (node.isString()) {
            return switch (node.asString()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> new ToolChoice(node.asString(), null, null);
            };
        }
        if (node.isObject()) {
            String type = Json.text(node, "type");
            JsonNode fn = node.get("function");
            if ("function".equals(type) && fn != null && Json.text(fn, "name") != null) {
                return ToolChoice.function(Json.text(fn, "name"));
            }
            return new ToolChoice(type == null ? "object" : type, null, Json.toMap(node));
        }
        return (ToolChoice) ctxt.reportInputMismatch(ToolChoice.class, "tool_choice must be a string or an object");
    }
}
