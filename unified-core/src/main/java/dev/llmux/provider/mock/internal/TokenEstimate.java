package dev.llmux.provider.mock.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Tool;
import dev.llmux.internal.json.Json;

/**
 * A rough token count for mock usage: about four characters per token (OpenAI's rule of thumb for English), plus
 * OpenAI's framing of three tokens per message and three to prime the reply. Good enough for realistic numbers
 * and costs in demos; not a tokenizer.
 */
public final class TokenEstimate {

    private TokenEstimate() {}

    public static int ofText(String text) {
        return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }

    public static int ofPrompt(ChatRequest request) {
        int tokens = 3;
        for (ChatMessage m : request.messages()) {
            tokens += 3 + ofText(Json.writeString(m));
        }
        for (Tool t : request.toolsOrEmpty()) {
            tokens += ofText(Json.writeString(t.function()));
        }
        return tokens;
    }
}
