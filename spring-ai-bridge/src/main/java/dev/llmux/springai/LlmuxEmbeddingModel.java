package dev.llmux.springai;

import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.springai.internal.Errors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;

/** A Spring AI {@link EmbeddingModel} backed by llmux. {@link #dimensions()} costs no call when dimensions are set. */
public final class LlmuxEmbeddingModel implements EmbeddingModel {

    private final Llmux llmux;
    private final String model;
    private final @Nullable Integer dimensions;
    private final CallOptions callOptions;

    private LlmuxEmbeddingModel(Llmux llmux, String model, @Nullable Integer dimensions, CallOptions callOptions) {
        this.llmux = Objects.requireNonNull(llmux, "llmux");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required, for example \"openai/text-embedding-3-small\"");
        }
        this.model = model;
        this.dimensions = dimensions;
        this.callOptions = callOptions;
    }

    public static LlmuxEmbeddingModel of(Llmux llmux, String model, @Nullable Integer dimensions) {
        return new LlmuxEmbeddingModel(llmux, model, dimensions, CallOptions.defaults());
    }

    public static LlmuxEmbeddingModel of(Llmux llmux, String model, @Nullable Integer dimensions, CallOptions callOptions) {
        return new LlmuxEmbeddingModel(llmux, model, dimensions, callOptions);
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        EmbeddingOptions o = request.getOptions();
        String m = o != null && o.getModel() != null ? o.getModel() : model;
        Integer dims = o != null && o.getDimensions() != null ? o.getDimensions() : dimensions;
        dev.llmux.api.EmbeddingResponse res;
        try {
            res = llmux.embed(new dev.llmux.api.EmbeddingRequest(m, dev.llmux.api.EmbeddingRequest.Input.texts(request.getInstructions()),
                    null, dims, null, Map.of()), callOptions);
        } catch (RuntimeException e) {
            throw Errors.map(e);
        }
        List<Embedding> out = new ArrayList<>();
        res.data().stream().sorted(Comparator.comparingInt(dev.llmux.api.EmbeddingResponse.Embedding::index))
                .forEach(e -> out.add(new Embedding(e.embedding(), e.index())));
        return new EmbeddingResponse(out, new EmbeddingResponseMetadata(res.model(),
                res.usage() == null ? new org.springframework.ai.chat.metadata.EmptyUsage()
                        : new org.springframework.ai.chat.metadata.DefaultUsage(res.usage().promptTokens(), 0, res.usage().totalTokens())));
    }

    @Override
    public float[] embed(Document document) {
        return embed(getEmbeddingContent(document));
    }

    @Override
    public int dimensions() {
        return dimensions != null ? dimensions : EmbeddingModel.super.dimensions();
    }
}
