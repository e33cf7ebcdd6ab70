package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat request → Converse request body (wire-formats §5.2), pure. Member order follows the Smithy model
 * so logged bodies read like AWS's examples. Input Bedrock cannot take fails with {@link InvalidInput}, which the
 * provider turns into a 400 naming the problem. Messages are mapped by {@link ConverseMessages}.
 */
public final class ConverseRequestMapper {

    /**
     * The tool LiteLLM adds when the history holds tool blocks but the request has no tools: Bedrock rejects such a
     * request ("The toolConfig field must be defined when using toolUse and toolResult content blocks").
     */
    static final String DUMMY_TOOL = "dummy_tool";
    /** LiteLLM's name for the forced tool that emulates {@code json_object} output. */
    static final String JSON_TOOL = "json_tool_call";
    /** LiteLLM's reasoning_effort → thinking budget (DEFAULT_REASONING_EFFORT_*_THINKING_BUDGET). */
    static final Map<String, Integer> THINKING_BUDGET = Map.of("minimal", 1024, "low", 1024, "medium", 2048, "high", 4096);
    /** Room for the answer after the thinking budget when the caller set no max_tokens (LiteLLM's default). */
    static final int ANSWER_TOKENS = 4096;
    /** Request-level Converse members a caller may pass as extra fields; everything else extra goes to the model. */
    static final Set<String> TOP_LEVEL = Set.of("guardrailConfig", "performanceConfig", "serviceTier", "requestMetadata",
            "additionalModelResponseFieldPaths", "promptVariables", "outputConfig");

    /**
     * @param body the Converse JSON
     * @param jsonTool the forced tool emulating {@code response_format}, whose call becomes the answer's content;
     *     null when not emulating
     */
    public record Mapped(ObjectNode body, @Nullable String jsonTool) {}

    private ConverseRequestMapper() {}

    public static Mapped map(ChatRequest request, BedrockModel model) {
        ObjectNode body = Json.object();
        ObjectNode additional = Json.object();
        boolean thinking = mapThinking(request, model, additional);

        ArrayNode system = Json.MAPPER.createArrayNode();
        body.set("messages", ConverseMessages.messages(request.messages(), system));
        if (!system.isEmpty()) {
            body.set("system", system);
        }

        ObjectNode inference = inferenceConfig(request, additional, thinking);
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }

        String jsonTool = null;
        ObjectNode outputConfig = null;
        List<Tool> tools = request.toolChoice() != null && request.toolChoice().isNone() ? List.of() : request.toolsOrEmpty();
        ArrayNode toolSpecs = Json.MAPPER.createArrayNode();
        for (Tool tool : tools) {
            toolSpecs.add(toolSpec(tool.function().name(), tool.function().description(), tool.function().parameters()));
            if (tool.cacheControl() != null) {
                toolSpecs.add(ConverseMessages.cachePoint(tool.cacheControl()));
            }
        }
        ObjectNode toolChoice = tools.isEmpty() ? null : toolChoice(request.toolChoice(), thinking);
        ResponseFormat format = request.responseFormat();
        if (format != null && (format.isJsonSchema() || format.isJsonObject())) {
            if (format.isJsonSchema() && model.supportsNativeStructuredOutput()) {
                outputConfig = outputConfig(format.jsonSchema());
            } else {
                // LiteLLM's emulation: one forced tool whose input schema is the wanted output; its arguments become
                // the answer. Forcing a tool is not allowed with thinking, so then the tool is only offered.
                ResponseFormat.JsonSchema js = format.jsonSchema();
                jsonTool = js == null ? JSON_TOOL : js.name();
                Map<String, Object> schema = js == null || js.schema() == null
                        ? ordered("type", "object", "additionalProperties", true, "properties", Map.of())
                        : js.schema();
                toolSpecs.add(toolSpec(jsonTool, js == null ? null : js.description(), schema));
                if (!thinking && model.supportsToolChoice()) {
                    toolChoice = Json.object();
                    toolChoice.putObject("tool").put("name", jsonTool);
                }
            }
        }
        if (toolSpecs.isEmpty() && ConverseMessages.hasToolBlocks(request.messages())) {
            toolSpecs.add(toolSpec(DUMMY_TOOL, "This is a dummy tool call", null));
        }
        if (!toolSpecs.isEmpty()) {
            ObjectNode toolConfig = body.putObject("toolConfig");
            toolConfig.set("tools", toolSpecs);
            if (toolChoice != null) {
                toolConfig.set("toolChoice", toolChoice);
            }
        }

        if (outputConfig != null) {
            body.set("outputConfig", outputConfig);
        }
        passExtras(request, model, body, additional);
        if (!additional.isEmpty()) {
            body.set("additionalModelRequestFields", additional);
        }
        if (request.metadata() != null && !request.metadata().isEmpty() && !body.has("requestMetadata")) {
            body.set("requestMetadata", Json.valueToTree(request.metadata()));
        }
        return new Mapped(body, jsonTool);
    }

    /** A map in the order written, so generated schemas serialize the same way every time. */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- parameters -----------------------------------------------------------------------------------------

    private static ObjectNode inferenceConfig(ChatRequest request, ObjectNode additional, boolean thinking) {
        ObjectNode inference = Json.object();
        Integer max = request.maxOutputTokens();
        if (max == null && thinking && additional.path("thinking").path("budget_tokens").isNumber()) {
            // Bedrock requires maxTokens above the thinking budget; leave room for the answer as LiteLLM does.
            max = additional.path("thinking").path("budget_tokens").asInt() + ANSWER_TOKENS;
        }
        if (max != null) {
            inference.put("maxTokens", max);
        }
        if (request.temperature() != null) {
            // OpenAI's temperature runs to 2; Bedrock's stops at 1.
            inference.put("temperature", Math.min(1.0, request.temperature()));
        }
        if (request.topP() != null) {
            inference.put("topP", Math.max(0.0, Math.min(1.0, request.topP())));
        }
        if (request.stop() != null) {
            List<String> stops = request.stop().stream().filter(s -> !s.isEmpty()).toList();
            if (!stops.isEmpty()) {
                ArrayNode arr = inference.putArray("stopSequences");
                stops.forEach(arr::add);
            }
        }
        return inference;
    }

    /** Puts {@code thinking} (and Claude 4.6+'s effort) into {@code additional}; true when thinking is on. */
    static boolean mapThinking(ChatRequest request, BedrockModel model, ObjectNode additional) {
        Object explicit = request.extra().get("thinking");
        if (explicit != null) {
            JsonNode node = Json.valueToTree(explicit);
            additional.set("thinking", node);
            return !"disabled".equals(Json.text(node, "type"));
        }
        String effort = request.reasoningEffort();
        if (effort == null || effort.equals("none")) {
            return false;
        }
        if (!model.supportsReasoning()) {
            throw new InvalidInput("reasoning_effort is supported on Bedrock for Claude 3.7 and Claude 4 models, not " + model.id(), "reasoning_effort");
        }
        if (model.usesAdaptiveThinking()) {
            String level = switch (effort) {
                case "minimal", "low" -> "low";
                case "medium", "high", "xhigh", "max" -> effort;
                default -> throw invalidEffort(effort);
            };
            additional.putObject("thinking").put("type", "adaptive");
            additional.putObject("output_config").put("effort", level);
            return true;
        }
        Integer budget = THINKING_BUDGET.get(effort);
        if (budget == null) {
            throw invalidEffort(effort);
        }
        ObjectNode t = additional.putObject("thinking");
        t.put("type", "enabled");
        t.put("budget_tokens", budget);
        return true;
    }

    private static InvalidInput invalidEffort(String effort) {
        return new InvalidInput("reasoning_effort \"" + effort + "\" is not one of none, minimal, low, medium, high (xhigh and max on Claude 4.6+)", "reasoning_effort");
    }

    static ObjectNode toolSpec(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {
        ObjectNode tool = Json.object();
        ObjectNode spec = tool.putObject("toolSpec");
        spec.put("name", name);
        if (description != null && !description.isEmpty()) {
            spec.put("description", description);
        }
        Map<String, Object> schema = parameters == null || parameters.isEmpty() ? ordered("type", "object", "properties", Map.of()) : parameters;
        spec.putObject("inputSchema").set("json", Json.embed(schema)); // passes through: written as is, no tree
        return tool;
    }

    /**
     * {@code auto} → {@code {auto:{}}}, {@code required} → {@code {any:{}}}, a function → {@code {tool:{name}}}. With
     * thinking on, forcing a tool is rejected, so {@code required} and a named function fall back to auto (LiteLLM
     * does the same for required). {@code none} never gets here: its tools are not sent.
     */
    static @Nullable ObjectNode toolChoice(@Nullable ToolChoice choice, boolean thinking) {
        if (choice == null) {
            return null;
        }
        ObjectNode node = Json.object();
        if (choice.isAuto() || (thinking && (choice.isRequired() || choice.isFunction()))) {
            node.putObject("auto");
        } else if (choice.isRequired()) {
            node.putObject("any");
        } else if (choice.isFunction()) {
            node.putObject("tool").put("name", choice.functionName());
        } else {
            throw new InvalidInput("Bedrock does not support tool_choice " + choice.mode(), "tool_choice");
        }
        return node;
    }

    static ObjectNode outputConfig(ResponseFormat.JsonSchema js) {
        ObjectNode out = Json.object();
        ObjectNode format = out.putObject("textFormat");
        format.put("type", "json_schema");
        ObjectNode schema = format.putObject("structure").putObject("jsonSchema");
        // Bedrock takes the schema as a string holding JSON, not as an object.
        schema.put("schema", Json.writeString(js.schema() == null ? ordered("type", "object") : js.schema()));
        schema.put("name", js.name());
        if (js.description() != null) {
            schema.put("description", js.description());
        }
        return out;
    }

    /**
     * Extra request fields: Converse's own top-level members go to the top level, {@code top_k} goes where the
     * model family reads it (Nova: {@code inferenceConfig.topK}), everything else to the model through
     * {@code additionalModelRequestFields}, as LiteLLM does.
     */
    private static void passExtras(ChatRequest request, BedrockModel model, ObjectNode body, ObjectNode additional) {
        Map<String, Object> extra = new LinkedHashMap<>(request.extra());
        extra.remove("thinking");
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            String key = e.getKey();
            JsonNode value = Json.valueToTree(e.getValue());
            if (TOP_LEVEL.contains(key)) {
                if (key.equals("outputConfig") && value.isObject()) {
                    ObjectNode target = body.has("outputConfig") ? (ObjectNode) body.get("outputConfig") : body.putObject("outputConfig");
                    target.setAll((ObjectNode) value);
                } else {
                    body.set(key, value);
                }
            } else if (key.equals("additionalModelRequestFields") && value.isObject()) {
                additional.setAll((ObjectNode) value);
            } else if (key.equals("top_k") || key.equals("topK")) {
                if (model.isNova()) {
                    ObjectNode ic = additional.has("inferenceConfig") ? (ObjectNode) additional.get("inferenceConfig") : additional.putObject("inferenceConfig");
                    ic.set("topK", value);
                } else {
                    additional.set("top_k", value);
                }
            } else {
                additional.set(key, value);
            }
        }
    }
}
