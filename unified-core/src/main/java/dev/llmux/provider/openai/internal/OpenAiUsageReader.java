package dev.llmux.provider.openai.internal;

import dev.llmux.api.Usage;
import dev.llmux.internal.json.JsonCursor;
import dev.llmux.internal.json.JsonNames;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a plain OpenAI {@code usage} object (the three counts, the two details objects, string or boolean extra
 * fields) off a {@link JsonCursor} for {@link OpenAiResponseReader} and {@link OpenAiChunkReader}; a reported cost,
 * non-integer counts or other unusual fields make it answer null (or throw {@link JsonCursor.Mismatch}), and the
 * caller takes the general path. Stateless.
 */
final class OpenAiUsageReader {

    private static final JsonNames NAMES = JsonNames.of("prompt_tokens", "completion_tokens", "total_tokens",
            "prompt_tokens_details", "completion_tokens_details", "cached_tokens", "cache_write_tokens", "audio_tokens",
            "reasoning_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens");
    private static final String[] PROMPT_DETAILS = {"cached_tokens", "cache_write_tokens", "audio_tokens"};
    private static final String[] COMPLETION_DETAILS = {
        "reasoning_tokens", "audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens"};

    private OpenAiUsageReader() {}

    /** The usage object the cursor is at, read to its end; null when it is not of the plain shape. */
    static @Nullable Usage read(JsonCursor c) {
        c.expect('{');
        int prompt = 0;
        int completion = 0;
        int total = 0;
        Usage.PromptTokensDetails promptDetails = null;
        Usage.CompletionTokensDetails completionDetails = null;
        List<Object> extra = null;
        if (!c.consume('}')) {
            do {
                String field = c.name(NAMES);
                switch (field) {
                    case "prompt_tokens" -> prompt = c.intValue();
                    case "completion_tokens" -> completion = c.intValue();
                    case "total_tokens" -> total = c.intValue();
                    case "prompt_tokens_details" -> {
                        if (c.consumeNull()) {
                            promptDetails = null;
                        } else {
                            Integer[] v = counts(c, PROMPT_DETAILS);
                            promptDetails = new Usage.PromptTokensDetails(v[0], v[1], v[2]);
                        }
                    }
                    case "completion_tokens_details" -> {
                        if (c.consumeNull()) {
                            completionDetails = null;
                        } else {
                            Integer[] v = counts(c, COMPLETION_DETAILS);
                            completionDetails = new Usage.CompletionTokensDetails(v[0], v[1], v[2], v[3]);
                        }
                    }
                    // a reported cost (a decimal) and names data binding treats specially: the general path
                    case "cost", "extra", "promptTokens", "completionTokens", "totalTokens", "promptTokensDetails", "completionTokensDetails" -> {
                        return null;
                    }
                    default -> {
                        extra = OpenAiChunkReader.extra(c, field, extra);
                        if (extra == null) {
                            return null;
                        }
                    }
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return new Usage(prompt, completion, total, promptDetails, completionDetails, null, OpenAiChunkReader.asMap(extra));
    }

    /** A details object's integer counts, by the names given (others are ignored, as binding ignores them). */
    private static Integer[] counts(JsonCursor c, String[] names) {
        c.expect('{');
        Integer[] values = new Integer[names.length];
        if (!c.consume('}')) {
            do {
                String field = c.name(NAMES);
                int slot = -1;
                for (int i = 0; i < names.length; i++) {
                    if (names[i].equals(field)) {
                        slot = i;
                        break;
                    }
                }
                if (slot < 0) {
                    c.skipValue();
                } else {
                    values[slot] = c.consumeNull() ? null : c.intValue();
                }
            } while (c.consume(','));
            c.expect('}');
        }
        return values;
    }
}
