package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmux.internal.json.ChatMessageDeserializer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One entry of {@code messages}, told apart by {@code role}. A role llmux does not know is kept as
 * {@link UnknownMessage} rather than rejected.
 */
@JsonDeserialize(using = ChatMessageDeserializer.class)
public sealed interface ChatMessage {

    /** The wire {@code role}. */
    String role();

    static SystemMessage system(String text) {
        return new SystemMessage(Content.of(text), null, null);
    }

    static DeveloperMessage developer(String text) {
        return new DeveloperMessage(Content.of(text), null, null);
    }

    static UserMessage user(String text) {
        return new UserMessage(Content.of(text), null, null);
    }

    static UserMessage user(ContentPart... parts) {
        return new UserMessage(Content.of(parts), null, null);
    }

    static AssistantMessage assistant(String text) {
        return AssistantMessage.builder().content(text).build();
    }

    static ToolMessage tool(String toolCallId, String text) {
        return new ToolMessage(toolCallId, Content.of(text), null, null);
    }

    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "content", "name"})
    record SystemMessage(Content content, @Nullable String name, @JsonProperty("cache_control") @Nullable CacheControl cacheControl)
            implements ChatMessage {
        public SystemMessage {
            Objects.requireNonNull(content, "system message content");
        }

        @Override
        @JsonProperty("role")
        public String role() {
            return "system";
        }
    }

    /** The {@code developer} role, which replaces {@code system} for OpenAI's reasoning models. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "content", "name"})
    record DeveloperMessage(Content content, @Nullable String name, @JsonProperty("cache_control") @Nullable CacheControl cacheControl)
            implements ChatMessage {
        public DeveloperMessage {
            Objects.requireNonNull(content, "developer message content");
        }

        @Override
        @JsonProperty("role")
        public String role() {
            return "developer";
        }
    }

    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "content", "name"})
    record UserMessage(Content content, @Nullable String name, @JsonProperty("cache_control") @Nullable CacheControl cacheControl)
            implements ChatMessage {
        public UserMessage {
            Objects.requireNonNull(content, "user message content");
        }

        @Override
        @JsonProperty("role")
        public String role() {
            return "user";
        }
    }

    /**
     * An assistant turn. Besides OpenAI's fields it carries {@code reasoning_content} and {@code thinking_blocks}
     * (LiteLLM's names), so a provider's reasoning and its signatures survive a tool loop unchanged.
     */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "content", "refusal", "tool_calls", "name", "reasoning_content", "thinking_blocks"})
    record AssistantMessage(
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Content content,
            @Nullable String refusal,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
            @Nullable String name,
            @JsonProperty("reasoning_content") @Nullable String reasoningContent,
            @JsonProperty("thinking_blocks") @Nullable List<ThinkingBlock> thinkingBlocks,
            @Nullable List<Object> annotations,
            @JsonProperty("cache_control") @Nullable CacheControl cacheControl)
            implements ChatMessage {

        public AssistantMessage {
            toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
            thinkingBlocks = thinkingBlocks == null ? null : List.copyOf(thinkingBlocks);
            annotations = annotations == null ? null : List.copyOf(annotations);
        }

        @Override
        @JsonProperty("role")
        public String role() {
            return "assistant";
        }

        /** The text content, or null when there is none. */
        @JsonIgnore
        public @Nullable String text() {
            return content == null ? null : content.text();
        }

        /** The tool calls, never null. */
        @JsonIgnore
        public List<ToolCall> toolCallsOrEmpty() {
            return toolCalls == null ? List.of() : toolCalls;
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder()
                    .content(content)
                    .refusal(refusal)
                    .toolCalls(toolCalls)
                    .name(name)
                    .reasoningContent(reasoningContent)
                    .thinkingBlocks(thinkingBlocks)
                    .annotations(annotations)
                    .cacheControl(cacheControl);
        }

        public static final class Builder {
            private @Nullable Content content;
            private @Nullable String refusal;
            private @Nullable List<ToolCall> toolCalls;
            private @Nullable String name;
            private @Nullable String reasoningContent;
            private @Nullable List<ThinkingBlock> thinkingBlocks;
            private @Nullable List<Object> annotations;
            private @Nullable CacheControl cacheControl;

            private Builder() {}

            public Builder content(@Nullable Content content) {
                this.content = content;
                return this;
            }

            public Builder content(@Nullable String text) {
                this.content = text == null ? null : Content.of(text);
                return this;
            }

            public Builder refusal(@Nullable String refusal) {
                this.refusal = refusal;
                return this;
            }

            public Builder toolCalls(@Nullable List<ToolCall> toolCalls) {
                this.toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : toolCalls;
                return this;
            }

            public Builder name(@Nullable String name) {
                this.name = name;
                return this;
            }

            public Builder reasoningContent(@Nullable String reasoningContent) {
                this.reasoningContent = reasoningContent;
                return this;
            }

            public Builder thinkingBlocks(@Nullable List<ThinkingBlock> thinkingBlocks) {
                this.thinkingBlocks = thinkingBlocks == null || thinkingBlocks.isEmpty() ? null : thinkingBlocks;
                return this;
            }

            public Builder annotations(@Nullable List<Object> annotations) {
                this.annotations = annotations;
                return this;
            }

            public Builder cacheControl(@Nullable CacheControl cacheControl) {
                this.cacheControl = cacheControl;
                return this;
            }

            public AssistantMessage build() {
                return new AssistantMessage(content, refusal, toolCalls, name, reasoningContent, thinkingBlocks, annotations, cacheControl);
            }
        }
    }

    /** The result of a tool call, answering the assistant's call with id {@code tool_call_id}. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"role", "tool_call_id", "content", "name"})
    record ToolMessage(
            @JsonProperty("tool_call_id") String toolCallId,
            Content content,
            @Nullable String name,
            @JsonProperty("cache_control") @Nullable CacheControl cacheControl)
            implements ChatMessage {
        public ToolMessage {
            Objects.requireNonNull(toolCallId, "tool_call_id");
            Objects.requireNonNull(content, "tool message content");
        }

        @Override
        @JsonProperty("role")
        public String role() {
            return "tool";
        }
    }

    /** A message whose role llmux does not know (for example the deprecated {@code function}), kept whole. */
    record UnknownMessage(@JsonIgnore String role, @JsonIgnore Map<String, Object> fields) implements ChatMessage {
        public UnknownMessage {
            fields = Map.copyOf(fields);
        }

        @JsonAnyGetter
        Map<String, Object> wire() {
            return fields;
        }

        @Override
        @JsonIgnore
        public String role() {
            return role;
        }
    }
}
