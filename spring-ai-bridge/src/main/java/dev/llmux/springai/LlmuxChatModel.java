package dev.llmux.springai;

import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.springai.internal.Errors;
import dev.llmux.springai.internal.PromptMapper;
import dev.llmux.springai.internal.ResponseMapper;
import dev.llmux.springai.internal.StreamState;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/**
 * A Spring AI {@link ChatModel} backed by llmux: any provider or router alias, named by the options' model. Like
 * Spring AI 2.0's own models it returns tool calls unexecuted ({@code ChatClient}'s tool advisor runs the loop) and,
 * when streaming, emits tool calls only whole. Calls are observed with Spring AI's chat-model conventions
 * ({@code gen_ai.client.operation}), so existing dashboards work. Errors surface as Spring AI's
 * {@code TransientAiException} (429, 5xx, timeouts) or {@code NonTransientAiException}, the llmux error as cause.
 */
public final class LlmuxChatModel implements ChatModel {

    private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

    private final Llmux llmux;
    private final LlmuxChatOptions defaults;
    private final ObservationRegistry observationRegistry;
    private final @Nullable ChatModelObservationConvention convention;
    private final CallOptions callOptions;

    private LlmuxChatModel(Builder b) {
        this.llmux = Objects.requireNonNull(b.llmux, "llmux is required");
        this.defaults = b.defaults;
        this.observationRegistry = b.observationRegistry;
        this.convention = b.convention;
        this.callOptions = b.callOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatOptions getOptions() {
        return defaults;
    }

    private LlmuxChatOptions merged(Prompt prompt) {
        if (prompt.getOptions() == null) {
            return defaults;
        }
        return defaults.mutate().combineWith(prompt.getOptions().mutate()).build();
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        LlmuxChatOptions options = merged(prompt);
        Prompt observed = new Prompt(prompt.getInstructions(), options);
        ChatModelObservationContext ctx = ChatModelObservationContext.builder()
                .prompt(observed).provider(providerName(options)).streaming(false).build();
        return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                .observation(convention, DEFAULT_CONVENTION, () -> ctx, observationRegistry)
                .observe(() -> {
                    dev.llmux.api.ChatResponse res;
                    try {
                        res = llmux.chat(PromptMapper.toLlmux(prompt.getInstructions(), options), callOptions);
                    } catch (RuntimeException e) {
                        throw Errors.map(e);
                    }
                    ChatResponse response = ResponseMapper.toSpring(res);
                    ctx.setResponse(response);
                    return response;
                });
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.deferContextual(context -> {
            LlmuxChatOptions options = merged(prompt);
            Prompt observed = new Prompt(prompt.getInstructions(), options);
            ChatModelObservationContext ctx = ChatModelObservationContext.builder()
                    .prompt(observed).provider(providerName(options)).streaming(true).build();
            Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
                    .observation(convention, DEFAULT_CONVENTION, () -> ctx, observationRegistry);
            observation.parentObservation(context.getOrDefault(ObservationThreadLocalAccessor.KEY, null)).start();
            StreamState state = new StreamState();
            dev.llmux.api.ChatRequest request;
            try {
                request = PromptMapper.toLlmux(prompt.getInstructions(), options);
            } catch (RuntimeException e) {
                observation.error(e).stop();
                return Flux.error(Errors.map(e));
            }
            return llmux.stream(request, callOptions)
                    .concatMapIterable(state::onChunk)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(state.onComplete())))
                    .onErrorMap(Errors::map)
                    .doOnError(observation::error)
                    .doFinally(signal -> {
                        ChatResponse whole = state.aggregate();
                        if (whole != null) {
                            ctx.setResponse(whole);
                        }
                        observation.stop();
                    });
        });
    }

    /** The provider named by the model string ({@code anthropic/…} → {@code anthropic}), or {@code llmux} for an alias. */
    private String providerName(LlmuxChatOptions options) {
        String model = options.getModel();
        if (model == null) {
            return "llmux";
        }
        int slash = model.indexOf('/');
        if (slash > 0) {
            return model.substring(0, slash);
        }
        return llmux.findModel(model).map(m -> m.provider()).orElse("llmux");
    }

    public static final class Builder {
        private @Nullable Llmux llmux;
        private LlmuxChatOptions defaults = LlmuxChatOptions.builder().build();
        private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;
        private @Nullable ChatModelObservationConvention convention;
        private CallOptions callOptions = CallOptions.defaults();

        private Builder() {}

        /** The llmux client (shared; not closed by the model). Required. */
        public Builder llmux(Llmux llmux) {
            this.llmux = Objects.requireNonNull(llmux, "llmux");
            return this;
        }

        /** Default options; the model string (or alias) goes here. */
        public Builder defaultOptions(LlmuxChatOptions options) {
            this.defaults = Objects.requireNonNull(options, "defaultOptions");
            return this;
        }

        public Builder observationRegistry(ObservationRegistry registry) {
            this.observationRegistry = Objects.requireNonNull(registry, "observationRegistry");
            return this;
        }

        public Builder observationConvention(ChatModelObservationConvention convention) {
            this.convention = Objects.requireNonNull(convention, "observationConvention");
            return this;
        }

        /** Per-call llmux options (timeouts, deadline, drop_params, tags). */
        public Builder callOptions(CallOptions callOptions) {
            this.callOptions = Objects.requireNonNull(callOptions, "callOptions");
            return this;
        }

        public LlmuxChatModel build() {
            return new LlmuxChatModel(this);
        }
    }
}
