package dev.llmux.internal.json;

import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads a message {@code content}: a string, an array of parts, or null. */
public final class ContentDeserializer extends ValueDeserializer<Content> {
    @Override
    public Content deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return Content.of(p.getString());
        }
        if (t == JsonToken.START_ARRAY) {
            List<ContentPart> parts = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                parts.add(ctxt.readValue(p, ContentPart.class));
            }
            return Content.of(parts);
        }
        return (Content) ctxt.handleUnexpectedToken(Content.class, p);
    }
}
