package dev.llmux.provider.compat.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.provider.compat.Quirk;
import dev.llmux.provider.openai.internal.OpenAiDialect;
import dev.llmux.spi.ProviderCall;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@link OpenAiDialect} for a set of {@link Quirk}s: each quirk's rewrite, in one place. */
public final class QuirkDialect implements OpenAiDialect {

    private final Set<Quirk> quirks;

    public QuirkDialect(Set<Quirk> quirks) {
        this.quirks = quirks.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(quirks);
    }

    private boolean has(Quirk q) {
        return quirks.contains(q);
    }

    @Override
    public void adaptRequest(ObjectNode body, ChatRequest request, ProviderCall call) {
        if (has(Quirk.SINGLE_CHOICE) && request.n() != null && request.n() > 1) {
            throw new UnsupportedParamsException(call.provider() + " returns a single choice; n=" + request.n() + " is not supported",
                    ErrorDetails.of(call.provider(), call.model(), 400).withType("invalid_request_error", "unsupported_params", "n"));
        }
        if (has(Quirk.TOOL_CHOICE_REQUIRED_AS_ANY) && request.toolChoice() != null && request.toolChoice().isRequired()) {
            body.put("tool_choice", "any");
        }
        if (has(Quirk.SEED_AS_RANDOM_SEED) && body.has("seed")) {
            body.set("random_seed", body.remove("seed"));
        }
        if (has(Quirk.MAX_COMPLETION_TOKENS_AS_MAX_TOKENS) && body.has("max_completion_tokens")) {
            body.set("max_tokens", body.remove("max_completion_tokens"));
        }
        if (has(Quirk.NO_MESSAGE_NAME)) {
            body.get("messages").forEach(m -> {
                if (m instanceof ObjectNode o) {
                    o.remove("name");
                }
            });
        }
    }

    /** Only these quirks rewrite responses; without them the readers that skip the JSON tree are used. */
    @Override
    public boolean adaptsResponses() {
        return has(Quirk.X_GROQ_USAGE) || has(Quirk.MODEL_LENGTH_FINISH);
    }

    // A quirk added here must be named in adaptsResponses too.
    @Override
    public void adaptResponse(ObjectNode node) {
        if (has(Quirk.X_GROQ_USAGE) && !node.hasNonNull("usage")) {
            JsonNode xGroq = node.get("x_groq");
            JsonNode usage = xGroq == null ? null : xGroq.get("usage");
            if (usage != null && usage.isObject()) {
                node.set("usage", usage);
            }
        }
        if (has(Quirk.MODEL_LENGTH_FINISH)) {
            JsonNode choices = node.get("choices");
            if (choices != null && choices.isArray()) {
                choices.forEach(c -> {
                    if (c instanceof ObjectNode o && "model_length".equals(o.path("finish_reason").asString(null))) {
                        o.put("finish_reason", "length");
                    }
                });
            }
        }
    }

    @Override
    public boolean sendsReasoningContent() {
        return has(Quirk.REASONING_CONTENT_ROUND_TRIP);
    }

    @Override
    public boolean sendsStreamOptions() {
        return !has(Quirk.NO_STREAM_OPTIONS);
    }

    @Override
    public @Nullable LlmuxException finishError(String finishReason, ProviderCall call) {
        if (has(Quirk.INSUFFICIENT_SYSTEM_RESOURCE_FINISH) && "insufficient_system_resource".equals(finishReason)) {
            return new ServiceUnavailableException(call.provider() + " stopped the answer early: insufficient system resource",
                    ErrorDetails.of(call.provider(), call.model(), 503).withType("service_unavailable", finishReason, null));
        }
        if (has(Quirk.ERROR_FINISH) && "error".equals(finishReason)) {
            return new InternalServerException(call.provider() + " failed while generating (finish_reason \"error\")",
                    ErrorDetails.of(call.provider(), call.model(), 500).withType("api_error", finishReason, null));
        }
        return null;
    }
}
