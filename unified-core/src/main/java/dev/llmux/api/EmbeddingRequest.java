package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmux.internal.json.EmbeddingInputDeserializer;
import dev.llmux.internal.json.EmbeddingInputSerializer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * An OpenAI embeddings request.
 *
 * @param model {@code provider/model}, a bare catalog name, or a router alias
 * @param input the texts (or token arrays) to embed
 * @param encodingFormat {@code float} (default) or {@code base64}
 * @param dimensions output dimensions, for models that can shorten
 * @param user end-user id
 * @param extra fields outside OpenAI's schema (for example Cohere's {@code input_type})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "input"})
public record EmbeddingRequest(
        String model,
        @JsonSerialize(using = EmbeddingInputSerializer.class) @JsonDeserialize(using = EmbeddingInputDeserializer.class)
                Input input,
        @JsonProperty("encoding_format") @Nullable String encodingFormat,
        @Nullable Integer dimensions,
        @Nullable String user,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra) {

    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(input, "input");
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        if (dimensions != null && dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be at least 1, was " + dimensions);
        }
    }

    public static EmbeddingRequest of(String model, String... texts) {
        return new EmbeddingRequest(model, texts.length == 1 ? Input.text(texts[0]) : Input.texts(List.of(texts)), null, null, null, Map.of());
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    public EmbeddingRequest withModel(String model) {
        return new EmbeddingRequest(model, input, encodingFormat, dimensions, user, extra);
    }

    /**
     * {@code input}: one string, a list of strings, or token arrays.
     *
     * @param texts the texts (empty when tokens are given)
     * @param tokens token arrays (empty when texts are given)
     * @param single true when the wire form is a single string or a single token array
     */
    public record Input(List<String> texts, List<List<Integer>> tokens, boolean single) {
        public Input {
            texts = List.copyOf(texts);
            tokens = tokens.stream().map(List::copyOf).toList();
            if (texts.isEmpty() == tokens.isEmpty()) {
                throw new IllegalArgumentException("embedding input needs either texts or token arrays, and not both");
            }
            if (texts.size() + tokens.size() > 2048) {
                throw new IllegalArgumentException("embedding input has " + (texts.size() + tokens.size()) + " items, at most 2048 allowed");
            }
        }

        public static Input text(String text) {
            return new Input(List.of(text), List.of(), true);
        }

        public static Input texts(List<String> texts) {
            return new Input(texts, List.of(), false);
        }

        public int size() {
            return texts.isEmpty() ? tokens.size() : texts.size();
        }
    }
}
