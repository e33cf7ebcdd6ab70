package dev.llmux.provider.cohere.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Cohere's v2 {@code /v2/chat} and {@code /v2/embed} bodies, field for field. */
public final class CohereWire {

    private CohereWire() {}

    /**
     * A {@code /v2/chat} request.
     *
     * @param toolChoice {@code "REQUIRED"} or {@code "NONE"}; absent means auto
     * @param responseFormat {@code {"type":"json_object","json_schema":{…}}} or {@code {"type":"text"}}
     * @param thinking {@code {"type":"enabled"|"disabled","token_budget":N}}
     * @param documents documents the model may ground on and cite (passed from the request's extra fields)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model", "messages", "tools", "strict_tools", "tool_choice", "response_format", "documents",
            "citation_options", "safety_mode", "thinking", "temperature", "p", "k", "max_tokens", "stop_sequences", "seed",
            "frequency_penalty", "presence_penalty", "stream"})
    public record ChatRequest(
            String model,
            List<Message> messages,
            @Nullable List<Tool> tools,
            @JsonProperty("strict_tools") @Nullable Boolean strictTools,
            @JsonProperty("tool_choice") @Nullable String toolChoice,
            @JsonProperty("response_format") @Nullable Map<String, Object> responseFormat,
            @Nullable Object documents,
            @JsonProperty("citation_options") @Nullable Object citationOptions,
            @JsonProperty("safety_mode") @Nullable Object safetyMode,
            @Nullable Object thinking,
            @Nullable Double temperature,
            @Nullable Double p,
            @Nullable Object k,
            @JsonProperty("max_tokens") @Nullable Integer maxTokens,
            @JsonProperty("stop_sequences") @Nullable List<String> stopSequences,
            @Nullable Long seed,
            @JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
            @JsonProperty("presence_penalty") @Nullable Double presencePenalty,
            boolean stream) {}

    /**
     * One request message.
     *
     * @param content a string, or a list of {@link ContentItem}s
     * @param toolPlan the assistant's plan before calling tools
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "tool_call_id", "content", "tool_plan", "tool_calls"})
    public record Message(
            String role,
            @JsonProperty("tool_call_id") @Nullable String toolCallId,
            @Nullable Object content,
            @JsonProperty("tool_plan") @Nullable String toolPlan,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls) {}

    /** {@code {"type":"text","text"}}, {@code {"type":"thinking","thinking"}} or {@code {"type":"image_url","image_url"}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "text", "thinking", "image_url"})
    public record ContentItem(
            String type, @Nullable String text, @Nullable String thinking, @JsonProperty("image_url") @Nullable ImageUrl imageUrl) {

        public static ContentItem text(String text) {
            return new ContentItem("text", text, null, null);
        }

        public static ContentItem thinking(String thinking) {
            return new ContentItem("thinking", null, thinking, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageUrl(String url, @Nullable String detail) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "type", "function"})
    public record ToolCall(@Nullable String id, @Nullable String type, @Nullable Function function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(@Nullable String name, @Nullable String arguments) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(String type, ToolFunction function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "parameters"})
    public record ToolFunction(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {}

    /** A {@code /v2/chat} response. */
    public record ChatResponse(
            @Nullable String id,
            @JsonProperty("finish_reason") @Nullable String finishReason,
            @Nullable ResponseMessage message,
            @Nullable UsageInfo usage) {}

    /**
     * The assistant message of a response.
     *
     * @param content {@code text} and {@code thinking} items
     * @param citations spans of the text and the documents or tool results that back them, kept as sent
     */
    public record ResponseMessage(
            @Nullable String role,
            @Nullable List<JsonNode> content,
            @JsonProperty("tool_plan") @Nullable String toolPlan,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
            @Nullable List<JsonNode> citations) {}

    /** {@code tokens} are what the model saw and wrote; {@code billed_units} what Cohere charges for. */
    public record UsageInfo(
            @JsonProperty("billed_units") @Nullable Tokens billedUnits,
            @Nullable Tokens tokens,
            @JsonProperty("cached_tokens") @Nullable Integer cachedTokens) {}

    public record Tokens(@JsonProperty("input_tokens") @Nullable Integer inputTokens, @JsonProperty("output_tokens") @Nullable Integer outputTokens) {}

    /** A {@code /v2/embed} request. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model", "texts", "input_type", "embedding_types", "output_dimension", "truncate"})
    public record EmbedRequest(
            String model,
            List<String> texts,
            @JsonProperty("input_type") String inputType,
            @JsonProperty("embedding_types") List<String> embeddingTypes,
            @JsonProperty("output_dimension") @Nullable Integer outputDimension,
            @Nullable Object truncate) {}

    /** A {@code /v2/embed} response: {@code embeddings} by type, {@code meta.billed_units} for usage. */
    public record EmbedResponse(@Nullable String id, @Nullable Embeddings embeddings, @Nullable Meta meta) {}

    public record Embeddings(@JsonProperty("float") @Nullable List<float[]> floats) {}

    public record Meta(@JsonProperty("billed_units") @Nullable Tokens billedUnits) {}
}
