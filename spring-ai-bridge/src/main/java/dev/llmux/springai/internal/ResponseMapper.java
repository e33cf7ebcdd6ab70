package dev.llmux.springai.internal;

import dev.llmux.api.CallInfo;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;

/** llmux responses as Spring AI responses. Pure functions. */
public final class ResponseMapper {

    /** Response-metadata keys for what llmux learned about the call. */
    public static final String COST = "llmux.cost";

    public static final String PROVIDER = "llmux.provider";
    public static final String DEPLOYMENT = "llmux.deployment";
    public static final String ATTEMPTS = "llmux.attempts";

    private ResponseMapper() {}

    public static ChatResponse toSpring(dev.llmux.api.ChatResponse res) {
        List<Generation> generations = new ArrayList<>();
        for (Choice c : res.choices()) {
            generations.add(generation(c.message().text(), c.message().toolCallsOrEmpty(), c.message().reasoningContent(),
                    c.message().thinkingBlocks(), c.message().refusal(), c.index(), res.id(), c.finishReason()));
        }
        return new ChatResponse(generations, metadata(res.id(), res.model(), res.usage(), res.callInfo()));
    }

    static Generation generation(@Nullable String text, List<ToolCall> toolCalls, @Nullable String reasoning,
            @Nullable List<dev.llmux.api.ThinkingBlock> thinkingBlocks, @Nullable String refusal, int index, String id,
            @Nullable FinishReason finish) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", id);
        props.put("role", "ASSISTANT");
        props.put("index", index);
        props.put("finishReason", finish == null ? "" : finishReason(finish));
        if (refusal != null) {
            props.put("refusal", refusal);
        }
        if (reasoning != null) {
            props.put(PromptMapper.REASONING_CONTENT, reasoning);
        }
        if (thinkingBlocks != null) {
            props.put(PromptMapper.THINKING_BLOCKS, thinkingBlocks);
        }
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        for (ToolCall tc : toolCalls) {
            calls.add(new AssistantMessage.ToolCall(tc.id(), "function", tc.name(), tc.arguments() == null ? "{}" : tc.arguments()));
        }
        AssistantMessage message = AssistantMessage.builder().content(text == null ? "" : text).properties(props).toolCalls(calls).build();
        ChatGenerationMetadata meta = finish == null
                ? ChatGenerationMetadata.NULL
                : ChatGenerationMetadata.builder().finishReason(finishReason(finish)).build();
        return new Generation(message, meta);
    }

    /** The finish reason as Spring AI's OpenAI model writes it: upper case ({@code STOP}, {@code TOOL_CALLS}, …). */
    static String finishReason(FinishReason finish) {
        return finish.value().toUpperCase(Locale.ROOT);
    }

    static ChatResponseMetadata metadata(String id, String model, @Nullable Usage usage, @Nullable CallInfo info) {
        ChatResponseMetadata.Builder b = ChatResponseMetadata.builder().id(id).model(model).usage(usage(usage));
        if (info != null) {
            b.keyValue(PROVIDER, info.provider());
            b.keyValue(ATTEMPTS, info.attempts());
            if (info.deployment() != null) {
                b.keyValue(DEPLOYMENT, info.deployment());
            }
            if (info.cost() != null) {
                b.keyValue(COST, info.cost());
            }
        }
        return b.build();
    }

    static org.springframework.ai.chat.metadata.Usage usage(@Nullable Usage usage) {
        if (usage == null) {
            return new EmptyUsage();
        }
        return new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(), usage,
                (long) usage.cachedTokens(), (long) usage.cacheWriteTokens());
    }
}
