package dev.llmux.provider.openai.internal;

import dev.llmux.api.Usage;
import dev.llmux.internal.json.JsonDocumentParser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a plain OpenAI {@code usage} object (the three counts, the two details objects, string or boolean extra
 * fields) straight off the parser for {@link OpenAiResponseReader} and {@link OpenAiChunkReader}; a reported cost,
 * non-integer counts or other unusual fields make it answer null, and the caller takes the general path. Stateless.
 */
final class OpenAiUsageReader {

    private OpenAiUsageReader() {}

    /**
     * The usage object starting at {@code start}, the parser left on its end; null when it is not of the plain
     * shape, with the parser anywhere.
     */
    static @Nullable Usage read(JsonParser p, JsonToken start) {
        if (start != JsonToken.START_OBJECT) {
            return null;
        }
        int prompt = 0;
        int completion = 0;
        int total = 0;
        Usage.PromptTokensDetails promptDetails = null;
        Usage.CompletionTokensDetails completionDetails = null;
        List<Object> extra = null;
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "prompt_tokens", "completion_tokens", "total_tokens" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT) {
                        return null;
                    }
                    int v = p.getIntValue();
                    switch (field) {
                        case "prompt_tokens" -> prompt = v;
                        case "completion_tokens" -> completion = v;
                        default -> total = v;
                    }
                }
                case "prompt_tokens_details" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        promptDetails = null;
                    } else {
                        Integer[] v = counts(p, t, PROMPT_DETAILS);
                        if (v == null) {
                            return null;
                        }
                        promptDetails = new Usage.PromptTokensDetails(v[0], v[1], v[2]);
                    }
                }
                case "completion_tokens_details" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        completionDetails = null;
                    } else {
                        Integer[] v = counts(p, t, COMPLETION_DETAILS);
                        if (v == null) {
                            return null;
                        }
                        completionDetails = new Usage.CompletionTokensDetails(v[0], v[1], v[2], v[3]);
                    }
                }
                // a reported cost (a decimal) and names data binding treats specially: the general path
                case "cost", "extra", "promptTokens", "completionTokens", "totalTokens", "promptTokensDetails", "completionTokensDetails" -> {
                    return null;
                }
                default -> {
                    extra = OpenAiChunkReader.extra(p, t, field, extra);
                    if (extra == null) {
                        return null;
                    }
                }
            }
        }
        if (end != JsonToken.END_OBJECT) {
            return null;
        }
        return new Usage(prompt, completion, total, promptDetails, completionDetails, null, OpenAiChunkReader.asMap(extra));
    }

    private static final String[] PROMPT_DETAILS = {"cached_tokens", "cache_write_tokens", "audio_tokens"};
    private static final String[] COMPLETION_DETAILS = {
        "reasoning_tokens", "audio_tokens", "accepted_prediction_tokens", "rejected_prediction_tokens"};

    /** A details object's integer counts, by the names given (others are ignored, as binding ignores them). */
    private static Integer @Nullable [] counts(JsonParser p, JsonToken start, String[] names) {
        if (start != JsonToken.START_OBJECT) {
            return null;
        }
        Integer[] values = new Integer[names.length];
        JsonToken end;
        while ((end = p.nextToken()) == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            int slot = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(field)) {
                    slot = i;
                    break;
                }
            }
            if (slot < 0) {
                if (!JsonDocumentParser.skipValue(p, t)) {
                    return null;
                }
            } else if (t == JsonToken.VALUE_NUMBER_INT) {
                values[slot] = p.getIntValue();
            } else if (t == JsonToken.VALUE_NULL) {
                values[slot] = null;
            } else {
                return null;
            }
        }
        return end == JsonToken.END_OBJECT ? values : null;
    }
}
