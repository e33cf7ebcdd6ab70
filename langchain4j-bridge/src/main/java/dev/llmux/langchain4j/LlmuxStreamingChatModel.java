package dev.llmux.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmux.langchain4j.internal.RequestMapper;
import dev.llmux.langchain4j.internal.StreamingBridge;
import java.util.List;
import java.util.Set;

/**
 * A LangChain4j {@link StreamingChatModel} backed by llmux. The handler gets partial text, thinking and tool-call
 * pieces as they arrive, each tool call completed once, then exactly one {@code onCompleteResponse} (with the whole
 * message, tool calls included) or one {@code onError}. A stream cut before the provider's end is an error, never a
 * completion.
 */
public final class LlmuxStreamingChatModel implements StreamingChatModel {

    private final LlmuxModelBuilder.Settings settings;

    private LlmuxStreamingChatModel(Builder builder) {
        this.settings = builder.settings();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        StreamingBridge bridge = new StreamingBridge(handler);
        dev.llmux.api.ChatRequest req;
        try {
            req = RequestMapper.toLlmux(request);
        } catch (RuntimeException e) {
            bridge.onError(e);
            return;
        }
        settings.llmux().stream(req, settings.callOptions()).subscribe(bridge::onChunk, bridge::onError, bridge::onComplete);
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

        public LlmuxStreamingChatModel build() {
            return new LlmuxStreamingChatModel(this);
        }
    }
}
