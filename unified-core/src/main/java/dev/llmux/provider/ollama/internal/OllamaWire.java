package dev.llmux.provider.ollama.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Ollama's native {@code /api/chat} and {@code /api/embed} bodies, field for field. */
public final class OllamaWire {

    private OllamaWire() {}

    /**
     * A {@code /api/chat} request.
     *
     * @param format {@code "json"} or a JSON-schema object
     * @param options sampling options ({@code temperature}, {@code num_predict}, …)
     * @param keepAlive how long the model stays loaded: a duration string such as {@code "5m"} or seconds
     * @param think {@code true}/{@code false} or a level {@code "low"|"medium"|"high"|"max"}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model", "messages", "tools", "format", "options", "stream", "keep_alive", "think"})
    public record ChatRequest(
            String model,
            List<Message> messages,
            @Nullable List<Tool> tools,
            @Nullable Object format,
            @Nullable Map<String, Object> options,
            boolean stream,
            @JsonProperty("keep_alive") @Nullable Object keepAlive,
            @Nullable Object think) {}

    /**
     * One message, in a request or a response.
     *
     * @param images base64 payloads without a {@code data:} prefix
     * @param toolName on a {@code tool} message, the function whose result this is
     * @param toolCallId on a {@code tool} message, the call it answers (newer Ollama versions read it)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "content", "thinking", "images", "tool_calls", "tool_name", "tool_call_id"})
    public record Message(
            String role,
            @Nullable String content,
            @Nullable String thinking,
            @Nullable List<String> images,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
            @JsonProperty("tool_name") @Nullable String toolName,
            @JsonProperty("tool_call_id") @Nullable String toolCallId) {}

    /** A tool call; Ollama sends {@code arguments} as a JSON object, not a string. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "function"})
    public record ToolCall(@Nullable String id, @Nullable Function function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"index", "name", "arguments"})
    public record Function(@Nullable Integer index, @Nullable String name, @Nullable JsonNode arguments) {}

    /** A tool declaration, in OpenAI's shape. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "function"})
    public record Tool(String type, ToolFunction function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "description", "parameters"})
    public record ToolFunction(String name, @Nullable String description, @Nullable Map<String, Object> parameters) {}

    /**
     * A {@code /api/chat} response body, or one NDJSON line of a stream. A line may instead carry only
     * {@code error}.
     */
    public record ChatResponse(
            @Nullable String model,
            @JsonProperty("created_at") @Nullable String createdAt,
            @Nullable Message message,
            @Nullable Boolean done,
            @JsonProperty("done_reason") @Nullable String doneReason,
            @JsonProperty("prompt_eval_count") @Nullable Integer promptEvalCount,
            @JsonProperty("eval_count") @Nullable Integer evalCount,
            @Nullable JsonNode error) {

        public boolean isDone() {
            return Boolean.TRUE.equals(done);
        }
    }

    /** A {@code /api/embed} request; {@code input} is a string or a list of strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"model", "input", "truncate", "dimensions", "keep_alive"})
    public record EmbedRequest(
            String model,
            Object input,
            @Nullable Boolean truncate,
            @Nullable Integer dimensions,
            @JsonProperty("keep_alive") @Nullable Object keepAlive) {}

    public record EmbedResponse(
            @Nullable String model,
            @Nullable List<float[]> embeddings,
            @JsonProperty("prompt_eval_count") @Nullable Integer promptEvalCount,
            @Nullable JsonNode error) {}
}
