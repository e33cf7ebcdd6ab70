package dev.llmux.provider.replicate.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.Usage;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Pure functions from finished Replicate predictions to OpenAI-shaped answers. */
public final class ReplicateResponseMapper {

    private ReplicateResponseMapper() {}

    /**
     * A terminal prediction as a chat answer.
     *
     * @throws LlmuxException when the prediction failed or was canceled
     */
    public static ChatResponse toChat(ReplicateWire.Prediction p, String provider, String model, Clock clock) {
        requireSucceeded(p, provider, model);
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder().content(outputText(p.output())).build();
        return ChatResponse.of(p.id() == null ? "" : p.id(), created(p, clock), model,
                List.of(Choice.of(message, FinishReason.STOP)), usage(p));
    }

    /** Throws the mapped error unless {@code p} succeeded. */
    public static void requireSucceeded(ReplicateWire.Prediction p, String provider, String model) {
        if ("succeeded".equals(p.status())) {
            return;
        }
        throw failure(p.status(), errorText(p.error()), provider, model);
    }

    /**
     * The error for a prediction that did not succeed. A failure is the model's run going wrong (500, retryable),
     * unless its text says the prompt was too long; a canceled or aborted prediction was stopped by someone else.
     */
    public static LlmuxException failure(@Nullable String status, @Nullable String error, String provider, String model) {
        String text = error == null || error.isBlank() ? "prediction " + status : error;
        int code = ErrorClassifier.isContextWindow(text.toLowerCase(Locale.ROOT)) ? 400 : 500;
        String message = "failed".equals(status) ? text : "prediction " + status + (error == null ? "" : ": " + error);
        return ErrorClassifier.classify(ErrorDetails.of(provider, model, code).withType(status, null, null), message, null);
    }

    /** Joins the output pieces; a model that returns one string returns it as is. */
    public static String outputText(@Nullable JsonNode output) {
        if (output == null || output.isNull()) {
            return "";
        }
        if (output.isString()) {
            return output.asString();
        }
        if (output.isArray()) {
            StringBuilder sb = new StringBuilder();
            output.forEach(piece -> sb.append(piece.isString() ? piece.asString() : piece.isNull() ? "" : piece.toString()));
            return sb.toString();
        }
        return output.toString();
    }

    public static @Nullable Usage usage(ReplicateWire.Prediction p) {
        ReplicateWire.Metrics m = p.metrics();
        if (m == null || m.inputTokenCount() == null && m.outputTokenCount() == null) {
            return null;
        }
        return Usage.of(m.inputTokenCount() == null ? 0 : m.inputTokenCount(), m.outputTokenCount() == null ? 0 : m.outputTokenCount());
    }

    public static long created(ReplicateWire.Prediction p, Clock clock) {
        if (p.createdAt() != null) {
            try {
                return OffsetDateTime.parse(p.createdAt()).toEpochSecond();
            } catch (DateTimeParseException e) {
                // an unreadable timestamp is no reason to lose the answer
            }
        }
        return clock.instant().getEpochSecond();
    }

    static @Nullable String errorText(@Nullable JsonNode error) {
        if (error == null || error.isNull()) {
            return null;
        }
        return error.isString() ? error.asString() : error.toString();
    }
}
