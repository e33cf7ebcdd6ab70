package dev.llmux.spring.boot.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.llmux.spring.boot.InvalidLlmuxPropertyException;

/** Turns a bad {@code llmux.*} property into Boot's "APPLICATION FAILED TO START" description and action. */
public final class LlmuxFailureAnalyzer extends AbstractFailureAnalyzer<InvalidLlmuxPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidLlmuxPropertyException cause) {
        return new FailureAnalysis("Invalid llmux configuration:\n\n    Property: " + cause.property() + "\n    Problem:  " + cause.problem(),
                "Fix " + cause.property() + " in your application properties (or the file named by llmux.config-file).", cause);
    }
}
