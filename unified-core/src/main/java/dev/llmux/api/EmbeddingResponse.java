package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI embeddings response ({@code "object":"list"}).
 *
 * @param callInfo what llmux learned about the call; never serialized
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingResponse(
        String object, List<Embedding> data, String model, @Nullable EmbeddingUsage usage, @JsonIgnore @Nullable CallInfo callInfo) {

    public EmbeddingResponse {
        object = object == null ? "list" : object;
        data = List.copyOf(Objects.requireNonNull(data, "data"));
        Objects.requireNonNull(model, "model");
    }

    public static EmbeddingResponse of(List<Embedding> data, String model, @Nullable EmbeddingUsage usage) {
        return new EmbeddingResponse("list", data, model, usage, null);
    }

    public EmbeddingResponse withCallInfo(@Nullable CallInfo callInfo) {
        return new EmbeddingResponse(object, data, model, usage, callInfo);
    }

    /**
     * One vector. With {@code encoding_format: base64} OpenAI sends a base64 string of little-endian float32s;
     * llmux decodes it, so {@code embedding} is always the numbers.
     */
    public record Embedding(String object, int index, float[] embedding) {
        public Embedding {
            object = object == null ? "embedding" : object;
            Objects.requireNonNull(embedding, "embedding");
        }

        public static Embedding of(int index, float[] vector) {
            return new Embedding("embedding", index, vector);
        }
    }

    public record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens, @JsonProperty("total_tokens") int totalTokens) {}
}
