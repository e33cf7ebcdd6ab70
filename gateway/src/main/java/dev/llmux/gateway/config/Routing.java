package dev.llmux.gateway.config;

import dev.llmux.Llmux;
import java.util.Objects;

/**
 * What the gateway routes with: a client whose interceptor chain resolves the gateway's model names (the router
 * built from {@code model_list}), and the directory of those names.
 */
public record Routing(Llmux llmux, ModelDirectory models) implements AutoCloseable {
    public Routing {
        Objects.requireNonNull(llmux, "llmux");
        Objects.requireNonNull(models, "models");
    }

    /** Closes the client (and the transport it owns). */
    @Override
    public void close() {
        llmux.close();
    }
}
