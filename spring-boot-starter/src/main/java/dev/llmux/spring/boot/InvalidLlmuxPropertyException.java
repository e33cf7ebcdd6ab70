package dev.llmux.spring.boot;

/**
 * An {@code llmux.*} property (or the config file it names) that cannot be used. Startup fails with it, and the
 * starter's failure analyzer prints the property, the problem and what to do.
 */
public final class InvalidLlmuxPropertyException extends RuntimeException {

    private final String property;
    private final String problem;

    public InvalidLlmuxPropertyException(String property, String problem) {
        this(property, problem, null);
    }

    public InvalidLlmuxPropertyException(String property, String problem, @org.jspecify.annotations.Nullable Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.problem = problem;
    }

    /** The property at fault, for example {@code llmux.models.smart.deployments[0].rpm}. */
    public String property() {
        return property;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
