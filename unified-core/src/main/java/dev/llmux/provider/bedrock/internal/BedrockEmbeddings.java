package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings on Bedrock's InvokeModel ({@code /model/{id}/invoke}), whose body is the model family's own:
 * Titan takes one {@code inputText} per call, Cohere a {@code texts} batch with an {@code input_type}.
 */
public final class BedrockEmbeddings {

    /** LiteLLM's default Cohere input type. */
    static final String DEFAULT_INPUT_TYPE = "search_document";

    public enum Family { TITAN, COHERE }

    private BedrockEmbeddings() {}

    /** The family of an embedding model, or null when llmux cannot embed with it on Bedrock. */
    public static @Nullable Family family(BedrockModel model) {
        if (model.base().startsWith("amazon.titan-embed")) {
            return Family.TITAN;
        }
        if (model.base().startsWith("cohere.embed")) {
            return Family.COHERE;
        }
        return null;
    }

    /** Titan: one body per input text; {@code dimensions} only on v2. */
    public static ObjectNode titanBody(String text, EmbeddingRequest request, BedrockModel model) {
        ObjectNode body = Json.object();
        body.put("inputText", text);
        if (request.dimensions() != null) {
            if (!model.base().startsWith("amazon.titan-embed-text-v2")) {
                throw new InvalidInput("dimensions is supported by amazon.titan-embed-text-v2 only, not " + model.id(), "dimensions");
            }
            body.put("dimensions", request.dimensions());
        }
        for (Map.Entry<String, Object> e : request.extra().entrySet()) {
            body.set(e.getKey(), Json.valueToTree(e.getValue()));
        }
        return body;
    }

    /** Cohere: all texts in one body; {@code input_type} from the request's extra fields, else search_document. */
    public static ObjectNode cohereBody(List<String> texts, EmbeddingRequest request) {
        ObjectNode body = Json.object();
        ArrayNode arr = body.putArray("texts");
        texts.forEach(arr::add);
        Object inputType = request.extra().get("input_type");
        body.put("input_type", inputType == null ? DEFAULT_INPUT_TYPE : inputType.toString());
        if (request.dimensions() != null) {
            body.put("output_dimension", request.dimensions());
        }
        for (Map.Entry<String, Object> e : request.extra().entrySet()) {
            if (!e.getKey().equals("input_type")) {
                body.set(e.getKey(), Json.valueToTree(e.getValue()));
            }
        }
        return body;
    }

    /** A Titan answer {@code {"embedding":[…],"inputTextTokenCount":n}}: the vector and its token count. */
    public static TitanVector titanVector(JsonNode root) {
        JsonNode e = root.path("embedding");
        if (!e.isArray()) {
            throw new ConverseResponseMapper.Malformed("Titan embedding response has no embedding array");
        }
        return new TitanVector(floats(e), root.path("inputTextTokenCount").asInt(0));
    }

    public record TitanVector(float[] vector, int tokens) {}

    /**
     * A Cohere answer: {@code embeddings} is a list of vectors, or (when {@code embedding_types} was sent, and on
     * embed v4) an object whose {@code float} member is that list.
     */
    public static List<float[]> cohereVectors(JsonNode root, int expected) {
        JsonNode e = root.path("embeddings");
        if (e.isObject()) {
            e = e.path("float");
        }
        if (!e.isArray()) {
            throw new ConverseResponseMapper.Malformed("Cohere embedding response has no float embeddings");
        }
        List<float[]> out = new ArrayList<>();
        for (JsonNode v : e) {
            out.add(floats(v));
        }
        if (out.size() != expected) {
            throw new ConverseResponseMapper.Malformed("Cohere returned " + out.size() + " embeddings for " + expected + " texts");
        }
        return out;
    }

    static float[] floats(JsonNode array) {
        if (!array.isArray()) {
            throw new ConverseResponseMapper.Malformed("an embedding is not an array of numbers");
        }
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            JsonNode n = array.get(i);
            if (!n.isNumber()) {
                throw new ConverseResponseMapper.Malformed("an embedding holds a non-number");
            }
            f[i] = n.floatValue();
        }
        return f;
    }

    public static EmbeddingResponse response(List<float[]> vectors, String model, int tokens) {
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, vectors.get(i)));
        }
        return EmbeddingResponse.of(data, model, new EmbeddingResponse.EmbeddingUsage(tokens, tokens));
    }
}
