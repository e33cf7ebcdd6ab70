package dev.llmux.provider.anthropic.internal;

import dev.llmux.internal.provider.BoundedMemo;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What llmux infers from a Claude model id, for the features that differ by generation. The id may be Anthropic's
 * ({@code claude-sonnet-4-5}, {@code claude-sonnet-4-5-20250929}, legacy {@code claude-3-7-sonnet-20250219}),
 * Vertex's ({@code claude-sonnet-4-5@20250929}) or Bedrock's ({@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}).
 *
 * <p>The rules, by version (major.minor; a missing minor is 0):
 * <ul>
 *   <li>native structured output ({@code output_config.format}): 4.5 and later, and Opus 4.1; older models get
 *       the forced-tool emulation.
 *   <li>adaptive thinking ({@code thinking:{type:adaptive}} + {@code output_config.effort}): 4.6 and later, where
 *       a fixed {@code budget_tokens} is deprecated (4.6) or rejected (4.7+); older models get a budget.
 *   <li>reasoning at all: 3.7 and later.
 * </ul>
 * An id with no recognisable version (a new family, {@code claude-mythos-preview}) is treated as the newest
 * generation: new names are what these rules do not know yet, and old ids are all recognised.
 *
 * @param major the major version, or -1 when unknown
 * @param minor the minor version (0 when absent)
 */
public record ClaudeModel(int major, int minor) {

    // claude-opus-4-1-20250805, claude-sonnet-4-5@20250929: the minor is 1-2 digits not followed by more digits,
    // so the date of claude-sonnet-4-20250514 is not read as a minor version
    private static final Pattern MODERN = Pattern.compile("claude-([a-z]+)-(\\d+)(?:-(\\d{1,2})(?!\\d))?");
    private static final Pattern LEGACY = Pattern.compile("claude-(\\d+)(?:-(\\d{1,2})(?!\\d))?-([a-z]+)");

    public static ClaudeModel parse(@Nullable String modelId) {
        if (modelId == null) {
            return new ClaudeModel(-1, 0);
        }
        return PARSED.get(modelId);
    }

    /** Ids already parsed: each Anthropic call asked two regular expressions about the same few ids, twice. */
    private static final BoundedMemo<String, ClaudeModel> PARSED = new BoundedMemo<>(1024, ClaudeModel::read);

    private static ClaudeModel read(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        Matcher legacy = LEGACY.matcher(id);
        if (legacy.find()) {
            return new ClaudeModel(Integer.parseInt(legacy.group(1)), legacy.group(2) == null ? 0 : Integer.parseInt(legacy.group(2)));
        }
        Matcher modern = MODERN.matcher(id);
        if (modern.find()) {
            return new ClaudeModel(Integer.parseInt(modern.group(2)), modern.group(3) == null ? 0 : Integer.parseInt(modern.group(3)));
        }
        return new ClaudeModel(-1, 0);
    }

    public boolean isKnown() {
        return major >= 0;
    }

    private boolean atLeast(int maj, int min) {
        return !isKnown() || major > maj || major == maj && minor >= min;
    }

    public boolean supportsNativeStructuredOutput() {
        return atLeast(4, 5) || major == 4 && minor == 1;
    }

    public boolean usesAdaptiveThinking() {
        return atLeast(4, 6);
    }

    public boolean supportsReasoning() {
        return atLeast(3, 7);
    }
}
