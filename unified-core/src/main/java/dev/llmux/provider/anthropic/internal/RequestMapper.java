package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.internal.json.Json;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAI {@link ChatRequest} to an Anthropic Messages body. Pure: everything it needs comes in as arguments.
 *
 * <p>Decisions where Anthropic and OpenAI differ (see also {@link ClaudeModel}):
 * <ul>
 *   <li>{@code max_tokens} is required by Anthropic. Without one from the caller llmux sends the
 *       {@code default_max_tokens} setting, else the catalog's max output for the model, else 4096 (LiteLLM's
 *       default); with a thinking budget at or above that, {@code budget + 4096}, since the budget must be below
 *       {@code max_tokens}.
 *   <li>{@code reasoning_effort}: on budget models {@code minimal}/{@code low} 1024, {@code medium} 2048,
 *       {@code high} 4096 tokens (LiteLLM's budgets; 1024 is Anthropic's minimum); on adaptive models
 *       {@code thinking:{type:adaptive}} and {@code output_config.effort} with the same word ({@code minimal} →
 *       {@code low}); {@code none} turns thinking off. A {@code thinking} object in extra wins over it.
 *   <li>{@code response_format} {@code json_schema} on a model with native structured output becomes
 *       {@code output_config.format}; {@code json_object}, and {@code json_schema} on older models, become
 *       LiteLLM's forced tool {@value #JSON_TOOL}, whose input comes back as the message content.
 *   <li>Thinking with a forced tool choice ({@code required} or a named function) is rejected here with a 400
 *       naming {@code tool_choice}: Anthropic rejects it too, and failing before the call is cheaper and clearer.
 *       As in LiteLLM, the structured-output tool is then offered with {@code auto} instead of forced.
 *   <li>{@code web_search_options} (an extra field) becomes the hosted {@code web_search} tool, and a
 *       {@code container_upload} block in the messages adds the {@code code_execution} tool, as in LiteLLM.
 *   <li>A history with tool calls but no {@code tools}: Anthropic rejects it; with the {@code modify_params}
 *       setting llmux adds LiteLLM's dummy tool, otherwise the call fails with a 400 saying so.
 * </ul>
 */
public final class RequestMapper {

    /** The name of the tool that emulates structured output (LiteLLM's {@code RESPONSE_FORMAT_TOOL_NAME}). */
    public static final String JSON_TOOL = "json_tool_call";

    public static final int DEFAULT_MAX_TOKENS = 4096;

    static final String CONTEXT_MANAGEMENT_BETA = "context-management-2025-06-27";
    static final String MCP_CLIENT_BETA = "mcp-client-2025-04-04";

    /** Extra request fields that are Anthropic body fields and go through unchanged. */
    private static final List<String> PASSTHROUGH = List.of(
            "top_k", "service_tier", "container", "mcp_servers", "context_management", "inference_geo", "cache_control");

    private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[\\d\\s()-]{7,}$");

    private static final Set<String> SUPPORTED = Set.of("tools", "tool_choice", "parallel_tool_calls", "response_format",
            "temperature", "top_p", "max_tokens", "max_completion_tokens", "stop", "user", "metadata", "stream_options");

    private RequestMapper() {}

    /**
     * The OpenAI parameters with an Anthropic meaning; {@code reasoning_effort} only for models that reason.
     * {@code metadata} is taken for its {@code user_id} only (LiteLLM reads it the same way).
     */
    public static Set<String> supportedParams(String model) {
        if (!ClaudeModel.parse(model).supportsReasoning()) {
            return SUPPORTED;
        }
        return SUPPORTED_WITH_REASONING;
    }

    private static final Set<String> SUPPORTED_WITH_REASONING = withReasoning();

    private static Set<String> withReasoning() {
        Set<String> set = new LinkedHashSet<>(SUPPORTED);
        set.add("reasoning_effort");
        return Set.copyOf(set);
    }

    /**
     * @param modelMaxOutput the catalog's max output tokens for the model, or null
     * @param defaultMaxTokens the {@code default_max_tokens} setting, or null
     * @param modifyParams LiteLLM's {@code modify_params}: repair what Anthropic would reject instead of failing
     */
    public record Options(@Nullable Integer modelMaxOutput, @Nullable Integer defaultMaxTokens, boolean modifyParams) {
        public static final Options DEFAULTS = new Options(null, null, false);
    }

    /**
     * @param body the Messages body (with {@code model}; without {@code stream})
     * @param betas {@code anthropic-beta} values the body needs
     * @param jsonToolMode true when structured output is emulated with {@value #JSON_TOOL}
     * @param unwrapValues true when a lone {@code "values"} key of the emulated output may be unwrapped (LiteLLM's
     *     quirk), that is when the caller's schema has no top-level {@code values} property itself
     */
    public record Mapped(ObjectNode body, Set<String> betas, boolean jsonToolMode, boolean unwrapValues) {}

    public static Mapped map(ChatRequest request, String model, Options options) {
        ClaudeModel claude = ClaudeModel.parse(model);
        MessageMapper.Mapped messages = MessageMapper.map(request.messages());
        Set<String> betas = new LinkedHashSet<>(messages.betas());
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("max_tokens", 0); // placeholder keeps the field order readable; set below
        body.set("messages", messages.messages());
        if (messages.system() != null) {
            body.set("system", messages.system());
        }

        ObjectNode outputConfig = extraObject(request, "output_config");
        if (outputConfig == null) {
            outputConfig = Json.object();
        }
        JsonNode thinking = thinking(request, claude, outputConfig);
        boolean thinkingOn = thinking != null && !"disabled".equals(Json.text(thinking, "type"));

        ArrayNode tools = Json.MAPPER.createArrayNode();
        for (Tool tool : request.toolsOrEmpty()) {
            tools.add(ToolMapper.tool(tool, claude));
        }

        Object webSearch = request.extra().get("web_search_options");
        if (webSearch != null) {
            tools.add(ToolMapper.webSearchTool(Json.valueToTree(webSearch)));
        }
        if (ToolMapper.hasBlock(messages.messages(), "container_upload") && !ToolMapper.hasToolType(tools, "code_execution")) {
            // LiteLLM's rule: an uploaded container file is only useful to the code execution tool
            tools.add(Json.object().put("type", ToolMapper.CODE_EXECUTION_TOOL).put("name", "code_execution"));
        }

        boolean jsonToolMode = false;
        boolean unwrapValues = false;
        ObjectNode forcedChoice = null;
        ResponseFormat format = request.responseFormat();
        if (format != null && !"text".equals(format.type())) {
            Map<String, Object> schema = format.jsonSchema() == null ? null : format.jsonSchema().schema();
            if (format.isJsonSchema() && schema != null && claude.supportsNativeStructuredOutput()) {
                ObjectNode f = outputConfig.putObject("format").put("type", "json_schema");
                f.set("schema", Json.valueToTree(schema));
            } else if (format.isJsonSchema() || format.isJsonObject()) {
                tools.add(ToolMapper.jsonTool(schema));
                jsonToolMode = true;
                unwrapValues = schema == null || !(schema.get("properties") instanceof Map<?, ?> p && p.containsKey("values"));
                if (!thinkingOn) {
                    forcedChoice = Json.object().put("type", "tool").put("name", JSON_TOOL);
                }
            } else {
                throw new MappingException("anthropic does not support response_format type " + format.type(), "response_format");
            }
        }

        if (tools.isEmpty() && messages.hasToolBlocks()) {
            if (!options.modifyParams()) {
                throw new MappingException("anthropic rejects tool calls in the history without tools=; pass tools, or set "
                        + "modify_params to add a dummy tool", "tools");
            }
            tools.add(Json.object().put("name", "dummy_tool").put("description", "This is a dummy tool call")
                    .set("input_schema", Json.object().put("type", "object").set("properties", Json.object())));
        }
        if (!tools.isEmpty()) {
            body.set("tools", tools);
            ObjectNode choice = forcedChoice != null ? forcedChoice : ToolMapper.toolChoice(request.toolChoice());
            choice = ToolMapper.withParallel(choice, request.parallelToolCalls(), request.toolChoice());
            if (choice != null) {
                String type = Json.text(choice, "type");
                if (thinkingOn && ("any".equals(type) || "tool".equals(type))) {
                    throw new MappingException("anthropic does not allow thinking with a forced tool_choice (" + Json.writeString(choice)
                            + "); use tool_choice auto or none, or turn reasoning off", "tool_choice");
                }
                body.set("tool_choice", choice);
            }
        }

        if (request.stop() != null && !request.stop().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            for (String s : request.stop()) {
                if (s.isBlank()) {
                    throw new MappingException("anthropic rejects whitespace-only stop sequences, got " + Json.writeString(s), "stop");
                }
                stops.add(s);
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            body.put("top_p", request.topP());
        }
        String userId = userId(request);
        if (userId != null) {
            body.putObject("metadata").put("user_id", userId);
        }
        if (thinking != null) {
            body.set("thinking", thinking);
        }
        if (!outputConfig.isEmpty()) {
            body.set("output_config", outputConfig);
        }
        for (String name : PASSTHROUGH) {
            Object v = request.extra().get(name);
            if (v != null) {
                body.set(name, Json.valueToTree(v));
            }
        }
        if (body.has("context_management")) {
            betas.add(CONTEXT_MANAGEMENT_BETA);
        }
        if (body.has("mcp_servers")) {
            betas.add(MCP_CLIENT_BETA);
        }
        body.put("max_tokens", maxTokens(request, options, thinking));
        return new Mapped(body, betas, jsonToolMode, unwrapValues);
    }

    private static @Nullable ObjectNode extraObject(ChatRequest request, String name) {
        Object v = request.extra().get(name);
        if (v == null) {
            return null;
        }
        JsonNode node = Json.valueToTree(v);
        if (!node.isObject()) {
            throw new MappingException(name + " must be an object, got " + node.getNodeType(), name);
        }
        return ((ObjectNode) node).deepCopy();
    }

    private static @Nullable JsonNode thinking(ChatRequest request, ClaudeModel claude, ObjectNode outputConfig) {
        Object explicit = request.extra().get("thinking");
        if (explicit != null) {
            return Json.valueToTree(explicit);
        }
        String effort = request.reasoningEffort();
        if (effort == null || effort.equals("none")) {
            return null;
        }
        if (claude.usesAdaptiveThinking()) {
            String level = switch (effort) {
                case "minimal", "low" -> "low";
                case "medium", "high", "xhigh", "max" -> effort;
                default -> throw new MappingException("reasoning_effort must be none, minimal, low, medium, high, xhigh or max, was " + effort,
                        "reasoning_effort");
            };
            if (!outputConfig.has("effort")) {
                outputConfig.put("effort", level);
            }
            return Json.object().put("type", "adaptive");
        }
        int budget = switch (effort) {
            case "minimal", "low" -> 1024;
            case "medium" -> 2048;
            case "high" -> 4096;
            default -> throw new MappingException("reasoning_effort for this model must be none, minimal, low, medium or high, was " + effort,
                    "reasoning_effort");
        };
        return Json.object().put("type", "enabled").put("budget_tokens", budget);
    }

    private static int maxTokens(ChatRequest request, Options options, @Nullable JsonNode thinking) {
        Integer explicit = request.maxOutputTokens();
        if (explicit != null) {
            return explicit;
        }
        int max = options.defaultMaxTokens() != null ? options.defaultMaxTokens()
                : options.modelMaxOutput() != null ? options.modelMaxOutput() : DEFAULT_MAX_TOKENS;
        JsonNode budget = thinking == null ? null : thinking.get("budget_tokens");
        if (budget != null && budget.isIntegralNumber() && budget.asInt() >= max) {
            return budget.asInt() + DEFAULT_MAX_TOKENS;
        }
        return max;
    }

    /** OpenAI {@code user}, else {@code metadata.user_id}; never an e-mail or phone number, which Anthropic rejects. */
    private static @Nullable String userId(ChatRequest request) {
        String user = request.user();
        if (user == null && request.metadata() != null) {
            user = request.metadata().get("user_id");
        }
        if (user == null || user.isBlank() || EMAIL.matcher(user).matches() || PHONE.matcher(user).matches()) {
            return null;
        }
        return user;
    }
}
