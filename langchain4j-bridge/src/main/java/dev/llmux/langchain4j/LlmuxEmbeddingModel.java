package dev.llmux.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.LlmuxException;
import dev.llmux.langchain4j.internal.ExceptionMapper;
import dev.llmux.langchain4j.internal.ModelProviders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A LangChain4j {@link EmbeddingModel} backed by llmux. {@link #dimension()} is the configured value when given,
 * so asking for it costs no call.
 */
public final class LlmuxEmbeddingModel implements EmbeddingModel {

    private final Llmux llmux;
    private final String modelName;
    private final @Nullable Integer dimensions;
    private final CallOptions callOptions;

    private LlmuxEmbeddingModel(Builder b) {
        this.llmux = Objects.requireNonNull(b.llmux, "llmux is required");
        if (b.modelName == null || b.modelName.isBlank()) {
            throw new IllegalStateException("modelName is required, for example \"openai/text-embedding-3-small\"");
        }
        this.modelName = b.modelName;
        this.dimensions = b.dimensions;
        this.callOptions = b.callOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments.isEmpty()) {
            return Response.from(List.of());
        }
        List<String> texts = segments.stream().map(TextSegment::text).toList();
        EmbeddingRequest request = new EmbeddingRequest(modelName, EmbeddingRequest.Input.texts(texts), null, dimensions, null, Map.of());
        EmbeddingResponse response;
        try {
            response = llmux.embed(request, callOptions);
        } catch (LlmuxException e) {
            throw ExceptionMapper.map(e);
        }
        List<Embedding> out = new ArrayList<>();
        response.data().stream()
                .sorted(Comparator.comparingInt(EmbeddingResponse.Embedding::index))
                .forEach(e -> out.add(Embedding.from(e.embedding())));
        TokenUsage usage = response.usage() == null ? null : new TokenUsage(response.usage().promptTokens(), 0);
        return Response.from(out, usage);
    }

    @Override
    public int dimension() {
        return dimensions != null ? dimensions : EmbeddingModel.super.dimension();
    }

    @Override
    public String modelName() {
        return modelName;
    }

    @Override
    public ModelProvider provider() {
        return ModelProviders.of(modelName.contains("/") ? modelName.substring(0, modelName.indexOf('/')) : "other");
    }

    public static final class Builder {
        private @Nullable Llmux llmux;
        private @Nullable String modelName;
        private @Nullable Integer dimensions;
        private CallOptions callOptions = CallOptions.defaults();

        private Builder() {}

        public Builder llmux(Llmux llmux) {
            this.llmux = llmux;
            return this;
        }

        public Builder modelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /** Output dimensions, for models that can shorten; also what {@link #dimension()} reports. */
        public Builder dimensions(Integer dimensions) {
            if (dimensions != null && dimensions < 1) {
                throw new IllegalArgumentException("dimensions must be at least 1, was " + dimensions);
            }
            this.dimensions = dimensions;
            return this;
        }

        public Builder callOptions(CallOptions callOptions) {
            this.callOptions = Objects.requireNonNull(callOptions, "callOptions");
            return this;
        }

        public LlmuxEmbeddingModel build() {
            return new LlmuxEmbeddingModel(this);
        }
    }
}
