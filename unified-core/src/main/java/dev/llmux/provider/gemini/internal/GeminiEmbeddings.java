package dev.llmux.provider.gemini.internal;

import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI embeddings ⇄ Gemini's {@code :embedContent} (one text) and {@code :batchEmbedContents} (several), and
 * Vertex's {@code :predict} for its embedding models. Token arrays are refused: Google embeds text only.
 * {@code dimensions} is {@code outputDimensionality}; the {@code task_type} extra is {@code taskType}.
 */
public final class GeminiEmbeddings {

    private GeminiEmbeddings() {}

    public static List<String> texts(EmbeddingRequest req) {
        if (req.input().texts().isEmpty()) {
            throw new IllegalArgumentException("Google embeds text only; token-array input is not supported");
        }
        return req.input().texts();
    }

    /** The {@code :embedContent} body for one text. */
    public static ObjectNode embedContentBody(EmbeddingRequest req, String model) {
        ObjectNode body = Json.object();
        body.put("model", "models/" + model);
        fill(body, texts(req).get(0), req);
        return body;
    }

    /** The {@code :batchEmbedContents} body. */
    public static ObjectNode batchBody(EmbeddingRequest req, String model) {
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        for (String text : texts(req)) {
            ObjectNode r = requests.addObject();
            r.put("model", "models/" + model);
            fill(r, text, req);
        }
        return body;
    }

    private static void fill(ObjectNode r, String text, EmbeddingRequest req) {
        r.putObject("content").putArray("parts").addObject().put("text", text);
        Object task = taskType(req);
        if (task != null) {
            r.put("taskType", String.valueOf(task));
        }
        if (req.dimensions() != null) {
            r.put("outputDimensionality", req.dimensions());
        }
    }

    /** The Vertex {@code :predict} body: one instance per text. */
    public static ObjectNode predictBody(EmbeddingRequest req) {
        ObjectNode body = Json.object();
        ArrayNode instances = body.putArray("instances");
        Object task = taskType(req);
        for (String text : texts(req)) {
            ObjectNode i = instances.addObject();
            i.put("content", text);
            if (task != null) {
                i.put("task_type", String.valueOf(task));
            }
        }
        if (req.dimensions() != null) {
            body.putObject("parameters").put("outputDimensionality", req.dimensions());
        }
        return body;
    }

    /** {@code {"embedding":{…}}} or {@code {"embeddings":[{…}]}} → vectors; null when the shape is wrong. */
    public static @Nullable EmbeddingResponse fromGemini(JsonNode res, String model) {
        List<JsonNode> items = new ArrayList<>();
        if (res.path("embedding").isObject()) {
            items.add(res.get("embedding"));
        } else if (res.path("embeddings").isArray()) {
            res.get("embeddings").forEach(items::add);
        } else {
            return null;
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        for (JsonNode item : items) {
            float[] v = vector(item.path("values"));
            if (v == null) {
                return null;
            }
            data.add(EmbeddingResponse.Embedding.of(data.size(), v));
        }
        return EmbeddingResponse.of(data, model, null);
    }

    /** Vertex {@code predictions[].embeddings{values, statistics.token_count}} → vectors and token usage. */
    public static @Nullable EmbeddingResponse fromPredict(JsonNode res, String model) {
        if (!res.path("predictions").isArray()) {
            return null;
        }
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        int tokens = 0;
        for (JsonNode p : res.get("predictions")) {
            float[] v = vector(p.path("embeddings").path("values"));
            if (v == null) {
                return null;
            }
            tokens += p.path("embeddings").path("statistics").path("token_count").asInt(0);
            data.add(EmbeddingResponse.Embedding.of(data.size(), v));
        }
        return EmbeddingResponse.of(data, model, new EmbeddingResponse.EmbeddingUsage(tokens, tokens));
    }

    private static float @Nullable [] vector(JsonNode values) {
        if (!values.isArray()) {
            return null;
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            if (!values.get(i).isNumber()) {
                return null;
            }
            v[i] = values.get(i).floatValue();
        }
        return v;
    }

    private static @Nullable Object taskType(EmbeddingRequest req) {
        Object t = req.extra().get("task_type");
        return t != null ? t : req.extra().get("taskType");
    }
}
