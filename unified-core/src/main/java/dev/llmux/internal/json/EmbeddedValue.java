package dev.llmux.internal.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/** A value embedded in a tree ({@link Json#embed}): written by {@link PlainJson} when the tree is written. */
record EmbeddedValue(Object value) implements JacksonSerializable {

    @Override
    public void serialize(JsonGenerator g, SerializationContext context) {
        PlainJson.write(g, value);
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializationContext context, TypeSerializer typeSerializer) {
        PlainJson.write(g, value); // trees carry no type ids
    }
}
