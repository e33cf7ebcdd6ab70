package dev.llmux.router.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.json.Json;
import dev.llmux.router.TokenEstimator;

/**
 * About four characters per token for text; images and audio count as a fixed number of tokens, because their
 * base64 length says nothing about what a provider charges for them (OpenAI bills a high-detail image tile at 765).
 */
public enum CharTokenEstimator implements TokenEstimator {
    INSTANCE;

    private static final int PER_MESSAGE = 4;
    private static final int PER_MEDIA = 765;

    @Override
    public int promptTokens(ChatRequest request) {
        long chars = 0;
        long tokens = 3;
        for (ChatMessage m : request.messages()) {
            tokens += PER_MESSAGE;
            if (m instanceof ChatMessage.SystemMessage s) {
                chars += textChars(s.content());
                tokens += media(s.content());
            } else if (m instanceof ChatMessage.DeveloperMessage d) {
                chars += textChars(d.content());
            } else if (m instanceof ChatMessage.UserMessage u) {
                chars += textChars(u.content());
                tokens += media(u.content());
            } else if (m instanceof ChatMessage.AssistantMessage a) {
                chars += a.content() == null ? 0 : textChars(a.content());
                for (ToolCall call : a.toolCallsOrEmpty()) {
                    chars += Json.writeString(call).length();
                }
                chars += a.reasoningContent() == null ? 0 : a.reasoningContent().length();
            } else if (m instanceof ChatMessage.ToolMessage t) {
                chars += textChars(t.content());
            } else {
                chars += Json.writeString(m).length();
            }
        }
        if (request.tools() != null) {
            chars += Json.writeString(request.tools()).length();
        }
        if (request.responseFormat() != null) {
            chars += Json.writeString(request.responseFormat()).length();
        }
        return (int) Math.min(Integer.MAX_VALUE, tokens + (chars + 3) / 4);
    }

    private static long textChars(Content content) {
        long n = 0;
        for (ContentPart p : content.parts()) {
            if (p instanceof ContentPart.Text t) {
                n += t.text().length();
            }
        }
        return n;
    }

    private static long media(Content content) {
        long n = 0;
        for (ContentPart p : content.parts()) {
            if (!(p instanceof ContentPart.Text)) {
                n += PER_MEDIA;
            }
        }
        return n;
    }
}
