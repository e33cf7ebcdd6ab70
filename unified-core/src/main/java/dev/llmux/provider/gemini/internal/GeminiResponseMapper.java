package dev.llmux.provider.gemini.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Gemini {@code GenerateContentResponse} → OpenAI {@code chat.completion}. Pure. A prompt Gemini blocked (HTTP
 * 200, no candidates, {@code promptFeedback.blockReason}) is not mapped here: the caller checks
 * {@link #blockReason} first and fails the call.
 */
public final class GeminiResponseMapper {

    private GeminiResponseMapper() {}

    /** Why the prompt was blocked when the response has no candidates, else null. */
    public static @Nullable String blockReason(GeminiWire.Response res) {
        if (!res.candidatesOrEmpty().isEmpty() || res.promptFeedback() == null || res.promptFeedback().blockReason() == null) {
            return null;
        }
        String msg = res.promptFeedback().blockReasonMessage();
        return res.promptFeedback().blockReason() + (msg == null ? "" : ": " + msg);
    }

    public static ChatResponse toChatResponse(GeminiWire.Response res, String requestedModel, long created) {
        List<Choice> choices = new ArrayList<>();
        for (GeminiWire.Candidate c : res.candidatesOrEmpty()) {
            choices.add(choice(c));
        }
        String model = res.modelVersion() != null ? res.modelVersion() : requestedModel;
        return ChatResponse.of(responseId(res), created, model, choices, usage(res.usageMetadata()));
    }

    static String responseId(GeminiWire.Response res) {
        return res.responseId() != null ? res.responseId() : "chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Choice choice(GeminiWire.Candidate c) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ThinkingBlock> blocks = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (GeminiWire.Part p : c.partsOrEmpty()) {
            if (p.functionCall() != null) {
                calls.add(toolCall(p));
            } else if (p.isThought()) {
                String t = p.text() == null ? "" : p.text();
                reasoning.append(t);
                blocks.add(ThinkingBlock.thinking(t, p.thoughtSignature()));
            } else {
                if (p.text() != null) {
                    text.append(p.text());
                }
                if (p.thoughtSignature() != null) {
                    // Gemini 3 signs the last part of a text answer; keep it for the next turn (GeminiContents).
                    blocks.add(ThinkingBlock.thinking("", p.thoughtSignature()));
                }
            }
        }
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                .content(text.isEmpty() ? null : text.toString())
                .toolCalls(calls)
                .reasoningContent(reasoning.isEmpty() ? null : reasoning.toString())
                .thinkingBlocks(blocks)
                .build();
        return new Choice(c.indexOrZero(), message, GeminiLogprobs.toOpenAi(c.logprobsResult()), finishReason(c.finishReason(), !calls.isEmpty()));
    }

    static ToolCall toolCall(GeminiWire.Part p) {
        GeminiWire.FunctionCall fc = p.functionCall();
        String args = fc.args() == null || fc.args().isNull() ? "{}" : Json.writeString(fc.args());
        return ToolCall.function(ToolCallIds.of(fc.id(), p.thoughtSignature()), fc.name(), args);
    }

    /** Gemini's finish reason in OpenAI terms (wire-formats §0.1); STOP with a function call is {@code tool_calls}. */
    public static @Nullable FinishReason finishReason(@Nullable String reason, boolean hasToolCalls) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
                    "IMAGE_RECITATION", "MODEL_ARMOR" -> FinishReason.CONTENT_FILTER;
            // STOP, LANGUAGE, OTHER, MALFORMED_FUNCTION_CALL, … have no OpenAI equivalent: the turn simply ended.
            default -> hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }

    /**
     * Usage in OpenAI's semantics: prompt includes cached and tool-use prompt tokens; completion is candidates plus
     * thoughts (Gemini's candidates count excludes thoughts).
     */
    public static @Nullable Usage usage(GeminiWire.@Nullable UsageMetadata u) {
        if (u == null) {
            return null;
        }
        int prompt = nz(u.promptTokenCount()) + nz(u.toolUsePromptTokenCount());
        int thoughts = nz(u.thoughtsTokenCount());
        return Usage.of(prompt, nz(u.candidatesTokenCount()) + thoughts, nz(u.cachedContentTokenCount()), 0, thoughts);
    }

    private static int nz(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
