package dev.llmux.langchain4j.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.langchain4j.LlmuxChatResponseMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** llmux responses as LangChain4j responses. Pure functions. */
public final class ResponseMapper {

    private ResponseMapper() {}

    public static dev.langchain4j.model.chat.response.ChatResponse toLangChain4j(ChatResponse res) {
        if (res.choices().isEmpty()) {
            throw new InternalServerException(res.model() + " returned no choices");
        }
        ChatMessage.AssistantMessage m = res.message();
        if (m.refusal() != null && !m.refusal().isBlank() && (m.text() == null || m.text().isBlank()) && m.toolCallsOrEmpty().isEmpty()) {
            throw new ContentFilteredException("the model refused: " + m.refusal());
        }
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (ToolCall call : m.toolCallsOrEmpty()) {
            requests.add(ToolExecutionRequest.builder()
                    .id(call.id())
                    .name(call.name())
                    .arguments(call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments())
                    .build());
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (m.thinkingBlocks() != null) {
            attributes.put(RequestMapper.THINKING_BLOCKS, m.thinkingBlocks());
        }
        AiMessage ai = AiMessage.builder()
                .text(m.text())
                .thinking(m.reasoningContent())
                .toolExecutionRequests(requests)
                .attributes(attributes)
                .build();
        return dev.langchain4j.model.chat.response.ChatResponse.builder()
                .aiMessage(ai)
                .metadata(metadata(res))
                .build();
    }

    static LlmuxChatResponseMetadata metadata(ChatResponse res) {
        LlmuxChatResponseMetadata.Builder b = LlmuxChatResponseMetadata.builder()
                .callInfo(res.callInfo())
                .usage(res.usage())
                .created(res.created())
                .systemFingerprint(res.systemFingerprint());
        b.id(res.id()).modelName(res.model()).tokenUsage(tokenUsage(res.usage())).finishReason(finishReason(res.finishReason()));
        return b.build();
    }

    static @Nullable TokenUsage tokenUsage(@Nullable Usage usage) {
        return usage == null ? null : new TokenUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
    }

    static @Nullable FinishReason finishReason(dev.llmux.api.@Nullable FinishReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason.value()) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
