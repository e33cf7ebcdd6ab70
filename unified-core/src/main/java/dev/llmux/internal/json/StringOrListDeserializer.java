package dev.llmux.internal.json;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads a field that OpenAI allows as a string or an array of strings (for example {@code stop}). */
public final class StringOrListDeserializer extends ValueDeserializer<List<String>> {
    @Override
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            return List.of(p.getString());
        }
        if (p.currentToken() == JsonToken.START_ARRAY) {
            List<String> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    ctxt.reportInputMismatch(String.class, "expected an array of strings");
                }
                out.add(p.getString());
            }
            return out;
        }
        ctxt.reportInputMismatch(List.class, "expected a string or an array of strings");
        return null;
    }
}
