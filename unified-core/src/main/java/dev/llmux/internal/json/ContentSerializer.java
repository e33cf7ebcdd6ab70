package dev.llmux.internal.json;

import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes {@link Content} as a bare string or as an array of parts, the way it was built. */
public final class ContentSerializer extends ValueSerializer<Content> {
    @Override
    public void serialize(Content value, JsonGenerator gen, SerializationContext ctxt) {
        if (value.plainString()) {
            gen.writeString(((ContentPart.Text) value.parts().get(0)).text());
            return;
        }
        gen.writeStartArray();
        for (ContentPart part : value.parts()) {
            ctxt.writeValue(gen, part);
        }
        gen.writeEndArray();
    }
}
