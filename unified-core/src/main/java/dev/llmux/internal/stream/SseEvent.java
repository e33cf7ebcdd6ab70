package dev.llmux.internal.stream;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event.
 *
 * @param event the {@code event:} name, or null (the default "message")
 * @param data the {@code data:} lines joined with {@code \n}
 * @param id the {@code id:} field, or null
 */
public record SseEvent(@Nullable String event, String data, @Nullable String id) {

    /** True for OpenAI's terminator {@code data: [DONE]}. */
    public boolean isDone() {
        return "[DONE]".equals(data);
    }
}
