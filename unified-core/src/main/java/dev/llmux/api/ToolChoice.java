package dev.llmux.api;

import dev.llmux.internal.json.ToolChoiceDeserializer;
import dev.llmux.internal.json.ToolChoiceSerializer;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * {@code tool_choice}: {@code "auto"}, {@code "none"}, {@code "required"}, or
 * {@code {"type":"function","function":{"name":…}}}. Another object form is kept raw in {@code other}.
 *
 * @param mode {@code auto}, {@code none}, {@code required}, {@code function}, or another wire string
 * @param functionName the forced function when {@code mode} is {@code function}
 * @param other an object form llmux does not model, kept as parsed
 */
@JsonSerialize(using = ToolChoiceSerializer.class)
@JsonDeserialize(using = ToolChoiceDeserializer.class)
public record ToolChoice(String mode, @Nullable String functionName, @Nullable Map<String, Object> other) {

    public static final ToolChoice AUTO = new ToolChoice("auto", null, null);
    public static final ToolChoice NONE = new ToolChoice("none", null, null);
    public static final ToolChoice REQUIRED = new ToolChoice("required", null, null);

    public ToolChoice {
        Objects.requireNonNull(mode, "mode");
        if ("function".equals(mode) && (functionName == null || functionName.isBlank())) {
            throw new IllegalArgumentException("tool_choice of type function needs a function name");
        }
    }

    public static ToolChoice function(String name) {
        return new ToolChoice("function", name, null);
    }

    public boolean isAuto() {
        return "auto".equals(mode);
    }

    public boolean isNone() {
        return "none".equals(mode);
    }

    public boolean isRequired() {
        return "required".equals(mode);
    }

    public boolean isFunction() {
        return "function".equals(mode);
    }
}
