package dev.llmux.internal.json;

import dev.llmux.api.EmbeddingRequest;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads embedding {@code input}: a string, strings, a token array, or token arrays. */
public final class EmbeddingInputDeserializer extends ValueDeserializer<EmbeddingRequest.Input> {
    @Override
    public EmbeddingRequest.Input deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (node.isString()) {
            return EmbeddingRequest.Input.text(node.asString());
        }
        if (node.isArray() && !node.isEmpty()) {
            JsonNode first = node.get(0);
            if (first.isString()) {
                List<String> texts = new ArrayList<>();
                for (JsonNode n : node) {
                    if (!n.isString()) {
                        return bad(ctxt);
                    }
                    texts.add(n.asString());
                }
                return EmbeddingRequest.Input.texts(texts);
            }
            if (first.isIntegralNumber()) {
                return new EmbeddingRequest.Input(List.of(), List.of(ints(node, ctxt)), true);
            }
            if (first.isArray()) {
                List<List<Integer>> all = new ArrayList<>();
                for (JsonNode n : node) {
                    all.add(ints(n, ctxt));
                }
                return new EmbeddingRequest.Input(List.of(), all, false);
            }
        }
        return bad(ctxt);
    }

    private static List<Integer> ints(JsonNode node, DeserializationContext ctxt) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isIntegralNumber()) {
                bad(ctxt);
            }
            out.add(n.asInt());
        }
        return out;
    }

    private static EmbeddingRequest.Input bad(DeserializationContext ctxt) {
        return (EmbeddingRequest.Input) ctxt.reportInputMismatch(EmbeddingRequest.Input.class,
                "input must be a non-empty string, array of strings, array of integers, or array of integer arrays");
    }
}
