package dev.llmux.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.ModelProvider;
import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.langchain4j.internal.ModelProviders;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@link LlmuxChatModel} and {@link LlmuxStreamingChatModel} are built from: the llmux client, the model string (a
 * {@code provider/model}, a bare catalog name, or a router alias) and default parameters. Validated when built.
 */
public abstract class LlmuxModelBuilder<B extends LlmuxModelBuilder<B>> {

    private @Nullable Llmux llmux;
    private @Nullable String modelName;
    private ChatRequestParameters defaults = DefaultChatRequestParameters.EMPTY;
    private final LlmuxChatRequestParameters.Builder parameters = LlmuxChatRequestParameters.builder();
    private final List<ChatModelListener> listeners = new ArrayList<>();
    private @Nullable Set<Capability> capabilities;
    private CallOptions callOptions = CallOptions.defaults();

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The llmux client (shared; not closed by the model). Required. */
    public B llmux(Llmux llmux) {
        this.llmux = Objects.requireNonNull(llmux, "llmux");
        return self();
    }

    /** {@code anthropic/claude-sonnet-4-5}, {@code gpt-4o}, {@code ollama/llama3.2} or a router alias. Required. */
    public B modelName(String modelName) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        return self();
    }

    /** Default parameters; the builder's own setters win over these. */
    public B defaultRequestParameters(ChatRequestParameters defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaultRequestParameters");
        return self();
    }

    public B temperature(Double temperature) {
        parameters.temperature(temperature);
        return self();
    }

    public B topP(Double topP) {
        parameters.topP(topP);
        return self();
    }

    public B topK(Integer topK) {
        parameters.topK(topK);
        return self();
    }

    public B maxOutputTokens(Integer maxOutputTokens) {
        parameters.maxOutputTokens(maxOutputTokens);
        return self();
    }

    public B stopSequences(List<String> stop) {
        parameters.stopSequences(stop);
        return self();
    }

    public B frequencyPenalty(Double penalty) {
        parameters.frequencyPenalty(penalty);
        return self();
    }

    public B presencePenalty(Double penalty) {
        parameters.presencePenalty(penalty);
        return self();
    }

    /** {@code low}, {@code medium}, {@code high}…: mapped by llmux to each provider's reasoning knob. */
    public B reasoningEffort(String effort) {
        parameters.reasoningEffort(effort);
        return self();
    }

    public B listeners(List<ChatModelListener> listeners) {
        this.listeners.addAll(listeners);
        return self();
    }

    public B listener(ChatModelListener listener) {
        this.listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

    /**
     * What the model can do. By default it is read from the llmux catalog: {@code RESPONSE_FORMAT_JSON_SCHEMA} when the
     * target model supports JSON-schema output. Set it for router aliases, which the catalog does not know.
     */
    public B supportedCapabilities(Set<Capability> capabilities) {
        this.capabilities = Set.copyOf(capabilities);
        return self();
    }

    /** Per-call llmux options (timeouts, deadline, drop_params, tags). */
    public B callOptions(CallOptions callOptions) {
        this.callOptions = Objects.requireNonNull(callOptions, "callOptions");
        return self();
    }

    Settings settings() {
        if (llmux == null) {
            throw new IllegalStateException("llmux is required: pass the Llmux client with .llmux(...)");
        }
        String model = modelName != null ? modelName : defaults.modelName();
        if (model == null || model.isBlank()) {
            throw new IllegalStateException("modelName is required, for example \"openai/gpt-4o\" or a router alias");
        }
        LlmuxChatRequestParameters merged = LlmuxChatRequestParameters.builder()
                .overrideWith(defaults)
                .overrideWith(parameters.build())
                .modelName(model)
                .build();
        Optional<ModelInfo> info = llmux.findModel(model);
        Set<Capability> caps = capabilities != null ? capabilities : EnumSet.noneOf(Capability.class);
        if (capabilities == null && info.map(i -> i.supports(dev.llmux.catalog.Capability.JSON_SCHEMA)).orElse(false)) {
            caps = EnumSet.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        }
        String providerId = info.map(ModelInfo::provider).orElse(model.contains("/") ? model.substring(0, model.indexOf('/')) : "other");
        return new Settings(llmux, merged, List.copyOf(listeners), Set.copyOf(caps), ModelProviders.of(providerId), callOptions);
    }

    record Settings(
            Llmux llmux,
            LlmuxChatRequestParameters defaults,
            List<ChatModelListener> listeners,
            Set<Capability> capabilities,
            ModelProvider provider,
            CallOptions callOptions) {}
}
