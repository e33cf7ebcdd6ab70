package dev.llmux.provider.gemini.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Gemini's {@code GenerateContentResponse} llmux reads (camelCase on the wire). Unknown fields
 * (safety ratings, grounding, citations, …) are ignored. Shared by AI Studio and Vertex AI.
 */
public final class GeminiWire {

    private GeminiWire() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(
            @Nullable List<Candidate> candidates,
            @Nullable PromptFeedback promptFeedback,
            @Nullable UsageMetadata usageMetadata,
            @Nullable String modelVersion,
            @Nullable String responseId,
            /* an error object inside a 200 stream */ @Nullable JsonNode error) {

        public List<Candidate> candidatesOrEmpty() {
            return candidates == null ? List.of() : candidates;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(
            @Nullable Content content,
            @Nullable String finishReason,
            @Nullable Integer index,
            @Nullable String finishMessage,
            @Nullable JsonNode logprobsResult) {

        public int indexOrZero() {
            return index == null ? 0 : index;
        }

        public List<Part> partsOrEmpty() {
            return content == null || content.parts() == null ? List.of() : content.parts();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(@Nullable String role, @Nullable List<Part> parts) {}

    /** One part; exactly one of text / functionCall / inlineData / … is set, {@code thought} marks a summary. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(
            @Nullable String text,
            @Nullable Boolean thought,
            @Nullable String thoughtSignature,
            @Nullable FunctionCall functionCall,
            @Nullable JsonNode inlineData,
            @Nullable JsonNode executableCode,
            @Nullable JsonNode codeExecutionResult) {

        public boolean isThought() {
            return Boolean.TRUE.equals(thought);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(@Nullable String id, @Nullable String name, @Nullable JsonNode args) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptFeedback(@Nullable String blockReason, @Nullable String blockReasonMessage) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UsageMetadata(
            @Nullable Integer promptTokenCount,
            @Nullable Integer cachedContentTokenCount,
            @Nullable Integer candidatesTokenCount,
            @Nullable Integer thoughtsTokenCount,
            @Nullable Integer toolUsePromptTokenCount,
            @Nullable Integer totalTokenCount) {}
}
