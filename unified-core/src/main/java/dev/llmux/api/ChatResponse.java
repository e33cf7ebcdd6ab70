package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI {@code chat.completion} object, whatever provider produced it. {@link #callInfo()} carries what llmux
 * learned about the call (provider, deployment, attempts, cost) and is never serialized.
 *
 * @param extra fields some providers add (Perplexity's {@code citations}, for example)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "object", "created", "model", "system_fingerprint", "service_tier", "choices", "usage"})
public record ChatResponse(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
        @JsonProperty("service_tier") @Nullable String serviceTier,
        List<Choice> choices,
        @Nullable Usage usage,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra,
        @JsonIgnore @Nullable CallInfo callInfo) {

    public static final String OBJECT = "chat.completion";

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        object = object == null ? OBJECT : object;
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static ChatResponse of(String id, long created, String model, List<Choice> choices, @Nullable Usage usage) {
        return new ChatResponse(id, OBJECT, created, model, null, null, choices, usage, Map.of(), null);
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    /** The first choice's message. */
    @JsonIgnore
    public ChatMessage.AssistantMessage message() {
        if (choices.isEmpty()) {
            throw new IllegalStateException("response " + id + " has no choices");
        }
        return choices.get(0).message();
    }

    /** The first choice's text, or null when it has none (a pure tool call, a refusal). */
    @JsonIgnore
    public @Nullable String text() {
        return choices.isEmpty() ? null : message().text();
    }

    /** The first choice's finish reason, or null. */
    @JsonIgnore
    public @Nullable FinishReason finishReason() {
        return choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    public ChatResponse withCallInfo(@Nullable CallInfo callInfo) {
        return new ChatResponse(id, object, created, model, systemFingerprint, serviceTier, choices, usage, extra, callInfo);
    }

    public ChatResponse withUsage(@Nullable Usage usage) {
        return new ChatResponse(id, object, created, model, systemFingerprint, serviceTier, choices, usage, extra, callInfo);
    }

    public ChatResponse withModel(String model) {
        return new ChatResponse(id, object, created, model, systemFingerprint, serviceTier, choices, usage, extra, callInfo);
    }
}
