package dev.llmux.provider.gemini.internal;

import dev.llmux.internal.json.Json;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code reasoning_effort} (or an Anthropic-style {@code thinking} extra) → {@code generationConfig.thinkingConfig}.
 *
 * <p>Gemini 2.5 takes a token budget: LiteLLM's defaults are kept (minimal 128, low 1024, medium 2048, high
 * 4096; {@code none} is 0, or 128 on Pro, which cannot switch thinking off). Gemini 3 takes a level: Flash knows
 * MINIMAL/LOW/MEDIUM/HIGH, Pro only LOW/HIGH, and neither can switch off (so {@code none} is the lowest level).
 * {@code includeThoughts} is on whenever reasoning is asked for, so the summaries come back as
 * {@code reasoning_content}.
 */
final class GeminiThinking {

    private GeminiThinking() {}

    static @Nullable ObjectNode config(String model, @Nullable String effort, @Nullable Object thinkingExtra) {
        if (effort != null) {
            return fromEffort(model, effort.toLowerCase(Locale.ROOT));
        }
        if (thinkingExtra instanceof Map<?, ?> thinking) {
            return fromAnthropicShape(model, thinking);
        }
        return null;
    }

    private static ObjectNode fromEffort(String model, String effort) {
        ObjectNode c = Json.object();
        boolean off = effort.equals("none") || effort.equals("disable");
        if (GeminiModels.usesThinkingLevel(model)) {
            boolean pro = GeminiModels.isPro(model);
            String level = switch (effort) {
                case "none", "disable", "minimal" -> pro ? "LOW" : "MINIMAL";
                case "low" -> "LOW";
                case "medium" -> pro ? "HIGH" : "MEDIUM";
                case "high", "xhigh", "max" -> "HIGH";
                default -> throw unknown(effort);
            };
            c.put("thinkingLevel", level);
        } else {
            int budget = switch (effort) {
                case "none", "disable" -> GeminiModels.isPro(model) ? 128 : 0;
                case "minimal" -> 128;
                case "low" -> 1024;
                case "medium" -> 2048;
                case "high" -> 4096;
                case "xhigh", "max" -> -1; // dynamic: the model decides, up to its maximum
                default -> throw unknown(effort);
            };
            c.put("thinkingBudget", budget);
        }
        c.put("includeThoughts", !off);
        return c;
    }

    private static ObjectNode fromAnthropicShape(String model, Map<?, ?> thinking) {
        ObjectNode c = Json.object();
        Object type = thinking.get("type");
        if ("disabled".equals(type)) {
            c.put("thinkingBudget", GeminiModels.isPro(model) ? 128 : 0);
            c.put("includeThoughts", false);
            return c;
        }
        Object budget = thinking.get("budget_tokens");
        if (budget instanceof Number n) {
            c.put("thinkingBudget", n.intValue());
        }
        c.put("includeThoughts", true);
        return c;
    }

    private static IllegalArgumentException unknown(String effort) {
        return new IllegalArgumentException("reasoning_effort must be none, minimal, low, medium, high, xhigh or max, was " + effort);
    }
}
