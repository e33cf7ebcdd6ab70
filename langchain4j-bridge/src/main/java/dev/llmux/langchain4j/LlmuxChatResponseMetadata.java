package dev.llmux.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.llmux.api.CallInfo;
import dev.llmux.api.Usage;
import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's response metadata plus what llmux learned about the call: provider, deployment, attempts and cost
 * ({@link #callInfo()}), and the full OpenAI-semantics usage with cached and reasoning tokens ({@link #usage()}).
 */
public class LlmuxChatResponseMetadata extends ChatResponseMetadata {

    private final @Nullable CallInfo callInfo;
    private final @Nullable Usage usage;
    private final long created;
    private final @Nullable String systemFingerprint;

    protected LlmuxChatResponseMetadata(Builder builder) {
        super(builder);
        this.callInfo = builder.callInfo;
        this.usage = builder.usage;
        this.created = builder.created;
        this.systemFingerprint = builder.systemFingerprint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public @Nullable CallInfo callInfo() {
        return callInfo;
    }

    public @Nullable Usage usage() {
        return usage;
    }

    /** USD cost of the call, or null when the model has no known prices. */
    public @Nullable BigDecimal cost() {
        return callInfo == null ? null : callInfo.cost();
    }

    /** The provider that answered, for example {@code anthropic}. */
    public @Nullable String providerName() {
        return callInfo == null ? null : callInfo.provider();
    }

    /** The router deployment that answered, or null when no router was involved. */
    public @Nullable String deployment() {
        return callInfo == null ? null : callInfo.deployment();
    }

    /** Provider calls this answer took, retries and fallbacks included. */
    public int attempts() {
        return callInfo == null ? 1 : callInfo.attempts();
    }

    public long created() {
        return created;
    }

    public @Nullable String systemFingerprint() {
        return systemFingerprint;
    }

    @Override
    public Builder toBuilder() {
        Builder b = builder().callInfo(callInfo).usage(usage).created(created).systemFingerprint(systemFingerprint);
        b.id(id()).modelName(modelName()).tokenUsage(tokenUsage()).finishReason(finishReason());
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlmuxChatResponseMetadata m && super.equals(o) && Objects.equals(callInfo, m.callInfo)
                && Objects.equals(usage, m.usage) && created == m.created && Objects.equals(systemFingerprint, m.systemFingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), callInfo, usage, created, systemFingerprint);
    }

    public static class Builder extends ChatResponseMetadata.Builder<Builder> {
        private @Nullable CallInfo callInfo;
        private @Nullable Usage usage;
        private long created;
        private @Nullable String systemFingerprint;

        public Builder callInfo(@Nullable CallInfo callInfo) {
            this.callInfo = callInfo;
            return this;
        }

        public Builder usage(@Nullable Usage usage) {
            this.usage = usage;
            return this;
        }

        public Builder created(long created) {
            this.created = created;
            return this;
        }

        public Builder systemFingerprint(@Nullable String systemFingerprint) {
            this.systemFingerprint = systemFingerprint;
            return this;
        }

        @Override
        public LlmuxChatResponseMetadata build() {
            return new LlmuxChatResponseMetadata(this);
        }
    }
}
