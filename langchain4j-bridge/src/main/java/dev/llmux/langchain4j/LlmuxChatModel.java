package dev.llmux.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmux.error.LlmuxException;
import dev.llmux.langchain4j.internal.ExceptionMapper;
import dev.llmux.langchain4j.internal.RequestMapper;
import dev.llmux.langchain4j.internal.ResponseMapper;
import java.util.List;
import java.util.Set;

/**
 * A LangChain4j {@link ChatModel} backed by llmux: any provider or router alias behind one model string.
 *
 * <pre>{@code
 * ChatModel model = LlmuxChatModel.builder().llmux(llmux).modelName("anthropic/claude-sonnet-4-5").build();
 * Assistant agent = AiServices.builder(Assistant.class).chatModel(model).tools(new Tools()).build();
 * }</pre>
 *
 * Errors surface as {@code dev.langchain4j.exception.*} with the llmux error as their cause. The response metadata is
 * an {@link LlmuxChatResponseMetadata} carrying cost, provider, deployment and attempts.
 */
public final class LlmuxChatModel implements ChatModel {

    private final LlmuxModelBuilder.Settings settings;

    private LlmuxChatModel(Builder builder) {
        this.settings = builder.settings();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        dev.llmux.api.ChatRequest req = RequestMapper.toLlmux(request);
        try {
            return ResponseMapper.toLangChain4j(settings.llmux().chat(req, settings.callOptions()));
        } catch (LlmuxException e) {
            throw ExceptionMapper.map(e);
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return settings.defaults();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return settings.capabilities();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return settings.listeners();
    }

    @Override
    public ModelProvider provider() {
        return settings.provider();
    }

    public static final class Builder extends LlmuxModelBuilder<Builder> {
        private Builder() {}

        public LlmuxChatModel build() {
            return new LlmuxChatModel(this);
        }
    }
}
