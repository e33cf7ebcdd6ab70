package dev.llmux.provider.replicate.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Replicate's predictions API bodies. */
public final class ReplicateWire {

    private ReplicateWire() {}

    /**
     * A create-prediction body: {@code version} only for {@code POST /v1/predictions} (a pinned model version).
     *
     * @param stream asks for a {@code urls.stream} server-sent-events URL
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"version", "input", "stream"})
    public record CreatePrediction(@Nullable String version, Map<String, Object> input, @Nullable Boolean stream) {}

    /**
     * A prediction, as the create call and every poll return it.
     *
     * @param status {@code starting}, {@code processing}, then {@code succeeded}, {@code failed} or {@code canceled}
     *     (newer deployments also report {@code aborted})
     * @param output for language models, an array of string pieces (a plain string from some models)
     * @param error the failure text when {@code status} is {@code failed}
     */
    public record Prediction(
            @Nullable String id,
            @Nullable String model,
            @Nullable String version,
            @Nullable String status,
            @Nullable JsonNode output,
            @Nullable JsonNode error,
            @Nullable Urls urls,
            @Nullable Metrics metrics,
            @JsonProperty("created_at") @Nullable String createdAt) {

        public boolean isTerminal() {
            return status != null && switch (status) {
                case "succeeded", "failed", "canceled", "aborted" -> true;
                default -> false;
            };
        }
    }

    /** Where to poll ({@code get}), cancel ({@code cancel}) and stream ({@code stream}) this prediction. */
    public record Urls(@Nullable String get, @Nullable String cancel, @Nullable String stream) {}

    /** Run metrics; token counts are reported by language models. */
    public record Metrics(
            @JsonProperty("input_token_count") @Nullable Integer inputTokenCount,
            @JsonProperty("output_token_count") @Nullable Integer outputTokenCount,
            @JsonProperty("predict_time") @Nullable Double predictTime) {}
}
