package dev.llmux.internal.json;

import dev.llmux.api.ToolChoice;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes {@code tool_choice} as a string or as {@code {"type":"function","function":{"name":…}}}. */
public final class ToolChoiceSerializer extends ValueSerializer<ToolChoice> {
    @Override
    public void serialize(ToolChoice value, JsonGenerator gen, SerializationContext ctxt) {
        if (value.other() != null) {
            ctxt.writeValue(gen, value.other());
        } else if (value.isFunction()) {
            gen.writeStartObject();
            gen.writeStringProperty("type", "function");
            gen.writeName("function");
            gen.writeStartObject();
            gen.writeStringProperty("name", value.functionName());
            gen.writeEndObject();
            gen.writeEndObject();
        } else {
            gen.writeString(value.mode());
        }
    }
}
