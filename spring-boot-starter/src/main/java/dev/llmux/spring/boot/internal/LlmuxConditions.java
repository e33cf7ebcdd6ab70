package dev.llmux.spring.boot.internal;


import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Conditions on what the {@code llmux.*} properties configure. */
public final class LlmuxConditions {

    private LlmuxConditions() {}

    static boolean hasModels(Environment env) {
        return env.containsProperty("llmux.config-file")
                || Binder.get(env).bind("llmux.models", Bindable.mapOf(String.class, Object.class)).map(m -> !m.isEmpty()).orElse(false);
    }

    /** Model groups are configured ({@code llmux.models} or {@code llmux.config-file}): a router is needed. */
    public static final class OnModels extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return hasModels(context.getEnvironment())
                    ? ConditionOutcome.match("llmux.models or llmux.config-file is set")
                    : ConditionOutcome.noMatch("neither llmux.models nor llmux.config-file is set");
        }
    }

    /** There is a default model for the framework beans: {@code llmux.default-model}, or a first model group. */
    public static final class OnDefaultModel extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return env.containsProperty("llmux.default-model") || hasModels(env)
                    ? ConditionOutcome.match("a default llmux model is known")
                    : ConditionOutcome.noMatch("no llmux.default-model, llmux.models or llmux.config-file");
        }
    }

}
