package dev.llmux.provider.gemini.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat request → Gemini {@code GenerateContentRequest} body (AI Studio and Vertex AI share it). Pure;
 * a request Gemini cannot express fails with {@link IllegalArgumentException} naming what is wrong.
 */
public final class GeminiRequestMapper {

    /** The OpenAI parameters Gemini honours. */
    public static final Set<String> SUPPORTED = Set.of(
            "tools", "tool_choice", "response_format", "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop",
            "n", "seed", "presence_penalty", "frequency_penalty", "logprobs", "top_logprobs", "reasoning_effort", "stream_options");

    private GeminiRequestMapper() {}

    /** The parameters honoured for {@code model}: reasoning only on models that think. */
    public static Set<String> supportedParams(String model) {
        if (GeminiModels.thinks(model)) {
            return SUPPORTED;
        }
        return SUPPORTED.stream().filter(p -> !p.equals("reasoning_effort")).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * @param model the Gemini model (no provider prefix), which picks thinking and schema dialects
     * @param vertex true for Vertex AI, which also takes {@code labels}
     */
    public static ObjectNode toBody(ChatRequest req, String model, boolean vertex) {
        ObjectNode body = Json.object();
        GeminiContents.Result mapped = GeminiContents.map(req.messages());
        body.set("contents", mapped.contents());
        if (mapped.system() != null) {
            body.set("systemInstruction", mapped.system());
        }
        if (!req.toolsOrEmpty().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (Tool tool : req.toolsOrEmpty()) {
                declarations.add(declaration(tool));
            }
        }
        if (req.toolChoice() != null) {
            body.putObject("toolConfig").set("functionCallingConfig", functionCallingConfig(req.toolChoice()));
        }
        Object safety = extra(req, "safety_settings", "safetySettings");
        if (safety != null) {
            body.set("safetySettings", Json.valueToTree(safety));
        }
        Object cached = extra(req, "cached_content", "cachedContent");
        if (cached != null) {
            body.put("cachedContent", String.valueOf(cached));
        }
        if (vertex && req.extra().get("labels") instanceof Map<?, ?> labels) {
            body.set("labels", Json.valueToTree(labels));
        }
        ObjectNode generation = generationConfig(req, model);
        if (!generation.isEmpty()) {
            body.set("generationConfig", generation);
        }
        return body;
    }

    private static ObjectNode declaration(Tool tool) {
        if (!"function".equals(tool.type())) {
            throw new IllegalArgumentException("Gemini takes function tools only, got type " + tool.type());
        }
        ObjectNode d = Json.object();
        d.put("name", tool.function().name());
        if (tool.function().description() != null) {
            d.put("description", tool.function().description());
        }
        Map<String, Object> params = tool.function().parameters();
        // An object schema without properties is rejected ("properties: should be non-empty for OBJECT type"):
        // a function without arguments simply has no parameters.
        if (!GeminiSchema.isEmptyObject(params)) {
            d.set("parameters", Json.valueToTree(GeminiSchema.clean(params, false)));
        }
        return d;
    }

    private static ObjectNode functionCallingConfig(ToolChoice choice) {
        ObjectNode c = Json.object();
        switch (choice.mode()) {
            case "auto" -> c.put("mode", "AUTO");
            case "none" -> c.put("mode", "NONE");
            case "required" -> c.put("mode", "ANY");
            case "function" -> {
                c.put("mode", "ANY");
                c.putArray("allowedFunctionNames").add(choice.functionName());
            }
            default -> throw new IllegalArgumentException("Gemini cannot take tool_choice " + choice.mode());
        }
        return c;
    }

    private static ObjectNode generationConfig(ChatRequest req, String model) {
        ObjectNode g = Json.object();
        if (req.temperature() != null) {
            g.put("temperature", req.temperature());
        }
        if (req.topP() != null) {
            g.put("topP", req.topP());
        }
        Object topK = extra(req, "top_k", "topK");
        if (topK instanceof Number k) {
            g.put("topK", k.intValue());
        } else if (topK != null) {
            throw new IllegalArgumentException("top_k must be a number, was " + topK);
        }
        if (req.n() != null) {
            g.put("candidateCount", req.n());
        }
        if (req.maxOutputTokens() != null) {
            g.put("maxOutputTokens", req.maxOutputTokens());
        }
        if (req.stop() != null && !req.stop().isEmpty()) {
            ArrayNode stops = g.putArray("stopSequences");
            req.stop().forEach(stops::add);
        }
        if (req.seed() != null) {
            g.put("seed", req.seed());
        }
        if (req.presencePenalty() != null) {
            g.put("presencePenalty", req.presencePenalty());
        }
        if (req.frequencyPenalty() != null) {
            g.put("frequencyPenalty", req.frequencyPenalty());
        }
        if (Boolean.TRUE.equals(req.logprobs())) {
            g.put("responseLogprobs", true);
            if (req.topLogprobs() != null) {
                g.put("logprobs", req.topLogprobs());
            }
        }
        Object modalities = extra(req, "response_modalities", "responseModalities");
        if (modalities != null) {
            g.set("responseModalities", Json.valueToTree(modalities));
        }
        Object imageConfig = extra(req, "image_config", "imageConfig");
        if (imageConfig != null) {
            g.set("imageConfig", Json.valueToTree(imageConfig));
        }
        responseFormat(g, req.responseFormat(), model);
        ObjectNode thinking = GeminiThinking.config(model, req.reasoningEffort(), req.extra().get("thinking"));
        if (thinking != null) {
            g.set("thinkingConfig", thinking);
        }
        return g;
    }

    private static void responseFormat(ObjectNode g, @Nullable ResponseFormat format, String model) {
        if (format == null || "text".equals(format.type())) {
            return;
        }
        if (format.isJsonObject()) {
            g.put("responseMimeType", "application/json");
            return;
        }
        if (!format.isJsonSchema()) {
            throw new IllegalArgumentException("Gemini cannot take response_format type " + format.type());
        }
        g.put("responseMimeType", "application/json");
        Map<String, Object> schema = format.jsonSchema().schema();
        if (schema == null) {
            return;
        }
        if (GeminiModels.needsOpenApiResponseSchema(model)) {
            g.set("responseSchema", Json.valueToTree(GeminiSchema.clean(schema, true)));
        } else {
            // Gemini 2.0+ takes plain JSON Schema: additionalProperties, $defs/$ref and lower-case types stay.
            g.set("responseJsonSchema", Json.valueToTree(schema));
        }
    }

    private static @Nullable Object extra(ChatRequest req, String snake, String camel) {
        Object v = req.extra().get(snake);
        return v != null ? v : req.extra().get(camel);
    }
}
