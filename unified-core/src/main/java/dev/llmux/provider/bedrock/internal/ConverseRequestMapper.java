package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatMessage.AssistantMessage;
import dev.llmux.api.ChatMessage.ToolMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI chat request → Converse request body (wire-formats §5.2), pure. Member order follows the Smithy model
 * so logged bodies read like AWS's examples. Input Bedrock cannot take fails with {@link InvalidInput}, which the
 * provider turns into a 400 naming the problem.
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

    /** Thrown for input Bedrock cannot accept. */
    public static final class InvalidInput extends RuntimeException {
        final @Nullable String param;

        InvalidInput(String message, @Nullable String param) {
            super(message);
            this.param = param;
        }

        public @Nullable String param() {
            return param;
        }
    }

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
        body.set("messages", messages(request.messages(), system));
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
                toolSpecs.add(cachePoint(tool.cacheControl()));
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
                Map<String, Object> schema = js == null || js.schema() == null ? ordered("type", "object", "additionalProperties", true, "properties", Map.of()) : js.schema();
                toolSpecs.add(toolSpec(jsonTool, js == null ? null : js.description(), schema));
                if (!thinking && model.supportsToolChoice()) {
                    toolChoice = Json.object();
                    toolChoice.putObject("tool").put("name", jsonTool);
                }
            }
        }
        if (toolSpecs.isEmpty() && hasToolBlocks(request.messages())) {
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

    // ---- messages -------------------------------------------------------------------------------------------

    /** System and developer messages go to {@code system}; the rest become alternating user/assistant turns. */
    static ArrayNode messages(List<ChatMessage> messages, ArrayNode system) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        String lastRole = null;
        ArrayNode current = null;
        for (ChatMessage message : messages) {
            String role;
            ArrayNode blocks = Json.MAPPER.createArrayNode();
            if (message instanceof ChatMessage.SystemMessage s) {
                systemBlocks(s.content(), s.cacheControl(), system);
                continue;
            } else if (message instanceof ChatMessage.DeveloperMessage d) {
                systemBlocks(d.content(), d.cacheControl(), system);
                continue;
            } else if (message instanceof ChatMessage.UserMessage u) {
                role = "user";
                userBlocks(u.content(), blocks);
                addCachePoint(blocks, u.cacheControl());
            } else if (message instanceof ToolMessage t) {
                // Tool results are user content in Converse; consecutive ones merge into one user turn below.
                role = "user";
                blocks.add(toolResult(t));
                addCachePoint(blocks, t.cacheControl());
            } else if (message instanceof AssistantMessage a) {
                role = "assistant";
                assistantBlocks(a, blocks);
                addCachePoint(blocks, a.cacheControl());
            } else {
                throw new InvalidInput("Bedrock cannot take a message with role \"" + message.role() + "\"", "messages");
            }
            if (blocks.isEmpty()) {
                continue;
            }
            if (role.equals(lastRole)) {
                // Converse needs strictly alternating roles.
                current.addAll(blocks);
            } else {
                ObjectNode m = out.addObject();
                m.put("role", role);
                current = m.putArray("content");
                current.addAll(blocks);
                lastRole = role;
            }
        }
        return out;
    }

    private static void systemBlocks(Content content, @Nullable CacheControl messageCache, ArrayNode system) {
        for (ContentPart part : content.parts()) {
            if (!(part instanceof ContentPart.Text t)) {
                throw new InvalidInput("Bedrock system prompts take text only, not " + part.type(), "messages");
            }
            if (!t.text().isEmpty()) {
                system.addObject().put("text", t.text());
                addCachePoint(system, t.cacheControl());
            }
        }
        addCachePoint(system, messageCache);
    }

    private static void userBlocks(Content content, ArrayNode blocks) {
        int documents = 0;
        for (ContentPart part : content.parts()) {
            if (part instanceof ContentPart.Text t) {
                if (!t.text().isEmpty()) {
                    blocks.addObject().put("text", t.text());
                }
                addCachePoint(blocks, t.cacheControl());
            } else if (part instanceof ContentPart.ImageUrl i) {
                blocks.add(media(i.imageUrl().url(), null, ++documents));
            } else if (part instanceof ContentPart.File f) {
                ContentPart.File.FileRef ref = f.file();
                if (ref.fileData() == null) {
                    throw new InvalidInput("Bedrock cannot read OpenAI file ids; send the file inline as file_data (a data: URL)", "messages");
                }
                blocks.add(media(ref.fileData(), ref.filename(), ++documents));
            } else if (part instanceof ContentPart.InputAudio) {
                throw new InvalidInput("Bedrock Converse does not take input_audio content", "messages");
            } else {
                throw new InvalidInput("Bedrock cannot take a content part of type \"" + part.type() + "\"", "messages");
            }
        }
    }

    /** An image or document block from a {@code data:} URL; Bedrock does not fetch remote URLs. */
    static ObjectNode media(String url, @Nullable String filename, int ordinal) {
        if (!url.startsWith("data:")) {
            throw new InvalidInput("Bedrock does not fetch media URLs; send images and documents inline as a data: URL "
                    + "(data:<media type>;base64,<data>)", "messages");
        }
        ContentPart.ImageUrl.Image image = new ContentPart.ImageUrl.Image(url, null);
        String mediaType = image.mediaType();
        String data = image.base64Data();
        if (mediaType == null || data == null || !url.substring(0, url.indexOf(',')).endsWith(";base64")) {
            throw new InvalidInput("Bedrock media must be a base64 data: URL with a media type", "messages");
        }
        String mt = mediaType.toLowerCase(java.util.Locale.ROOT);
        ObjectNode block = Json.object();
        String imageFormat = switch (mt) {
            case "image/png" -> "png";
            case "image/jpeg", "image/jpg" -> "jpeg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            default -> null;
        };
        if (imageFormat != null) {
            ObjectNode img = block.putObject("image");
            img.put("format", imageFormat);
            img.putObject("source").put("bytes", data);
            return block;
        }
        String docFormat = switch (mt) {
            case "application/pdf" -> "pdf";
            case "text/csv" -> "csv";
            case "application/msword" -> "doc";
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
            case "application/vnd.ms-excel" -> "xls";
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> "xlsx";
            case "text/html" -> "html";
            case "text/plain" -> "txt";
            case "text/markdown" -> "md";
            default -> throw new InvalidInput("Bedrock cannot take media of type " + mediaType
                    + " (images: png, jpeg, gif, webp; documents: pdf, csv, doc, docx, xls, xlsx, html, txt, md)", "messages");
        };
        ObjectNode doc = block.putObject("document");
        doc.put("format", docFormat);
        doc.put("name", documentName(filename, ordinal));
        doc.putObject("source").put("bytes", data);
        return block;
    }

    /**
     * Bedrock requires a document name of letters, digits, single spaces, hyphens, parentheses and square brackets,
     * unique within the request: the file name without extension, cleaned, else {@code document-N} (N counts the
     * message's media parts).
     */
    static String documentName(@Nullable String filename, int ordinal) {
        if (filename != null) {
            String stem = filename.contains(".") ? filename.substring(0, filename.lastIndexOf('.')) : filename;
            String clean = stem.replaceAll("[^A-Za-z0-9\\-()\\[\\] ]", " ").replaceAll("\\s+", " ").strip();
            if (!clean.isEmpty()) {
                return clean;
            }
        }
        return "document-" + ordinal;
    }

    private static ObjectNode toolResult(ToolMessage t) {
        ObjectNode block = Json.object();
        ObjectNode result = block.putObject("toolResult");
        result.put("toolUseId", t.toolCallId());
        ArrayNode content = result.putArray("content");
        int ordinal = 0;
        for (ContentPart part : t.content().parts()) {
            if (part instanceof ContentPart.Text x) {
                content.addObject().put("text", x.text());
            } else if (part instanceof ContentPart.ImageUrl i) {
                content.add(media(i.imageUrl().url(), null, ++ordinal));
            } else {
                throw new InvalidInput("Bedrock tool results take text and images, not " + part.type(), "messages");
            }
        }
        if (content.isEmpty()) {
            content.addObject().put("text", "");
        }
        return block;
    }

    private static void assistantBlocks(AssistantMessage a, ArrayNode blocks) {
        // Reasoning goes first and unchanged: Bedrock verifies the signature of earlier thinking.
        if (a.thinkingBlocks() != null) {
            for (ThinkingBlock tb : a.thinkingBlocks()) {
                ObjectNode rc = blocks.addObject().putObject("reasoningContent");
                if (tb.isRedacted()) {
                    rc.put("redactedContent", tb.data());
                } else {
                    ObjectNode rt = rc.putObject("reasoningText");
                    rt.put("text", tb.thinking() == null ? "" : tb.thinking());
                    if (tb.signature() != null) {
                        rt.put("signature", tb.signature());
                    }
                }
            }
        }
        if (a.content() != null) {
            for (ContentPart part : a.content().parts()) {
                if (part instanceof ContentPart.Text t) {
                    if (!t.text().isEmpty()) {
                        blocks.addObject().put("text", t.text());
                    }
                    addCachePoint(blocks, t.cacheControl());
                } else if (!(part instanceof ContentPart.Refusal)) {
                    throw new InvalidInput("Bedrock assistant turns take text, not " + part.type(), "messages");
                }
            }
        }
        for (ToolCall call : a.toolCallsOrEmpty()) {
            if (call.id() == null || call.name() == null) {
                throw new InvalidInput("an assistant tool call needs an id and a function name", "messages");
            }
            ObjectNode use = blocks.addObject().putObject("toolUse");
            use.put("toolUseId", call.id());
            use.put("name", call.name());
            use.set("input", arguments(call));
        }
    }

    private static JsonNode arguments(ToolCall call) {
        String args = call.arguments();
        if (args == null || args.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode node = Json.tree(args);
            if (!node.isObject()) {
                throw new InvalidInput("tool call " + call.id() + " has arguments that are not a JSON object", "messages");
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInput("tool call " + call.id() + " has arguments that are not valid JSON", "messages");
        }
    }

    static boolean hasToolBlocks(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (m instanceof ToolMessage || (m instanceof AssistantMessage a && !a.toolCallsOrEmpty().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private static void addCachePoint(ArrayNode blocks, @Nullable CacheControl cache) {
        if (cache != null) {
            blocks.add(cachePoint(cache));
        }
    }

    static ObjectNode cachePoint(CacheControl cache) {
        ObjectNode block = Json.object();
        ObjectNode cp = block.putObject("cachePoint");
        cp.put("type", "default");
        if (cache.ttl() != null) {
            cp.put("ttl", cache.ttl());
        }
        return block;
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
        spec.putObject("inputSchema").set("json", Json.valueToTree(schema));
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
