package dev.llmux.internal.json;

import dev.llmux.api.EmbeddingRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/** Writes embedding {@code input} in the form it was given (string, strings, tokens, token arrays). */
public final class EmbeddingInputSerializer extends ValueSerializer<EmbeddingRequest.Input> {
    @Override
    public void serialize(EmbeddingRequest.Input value, JsonGenerator gen, SerializationContext ctxt) {
        if (!value.texts().isEmpty()) {
            if (value.single()) {
                gen.writeString(value.texts().get(0));
            } else {
                ctxt.writeValue(gen, value.texts());
            }
        } else if (value.single()) {
            ctxt.writeValue(gen, value.tokens().get(0));
        } else {
            ctxt.writeValue(gen, value.tokens());
        }
    }
}
