package dev.llmux.gateway.config;

import dev.llmux.Llmux;
import java.util.Objects;

/**
 * What the gateway routes with: a client whose interceptor chain resolves the gateway's model names (the router
 * built from {@code model_list}), and the directory of those names.
 */
public record Routing(Llmux llmux, ModelDirectory models, java.util.List<AutoCloseable> resources) implements AutoCloseable {
    public Routing {
        Objects.requireNonNull(llmux, "llmux");
        Objects.requireNonNull(models, "models");
        resources = java.util.List.copyOf(resources);
    }

    public Routing(Llmux llmux, ModelDirectory models) {
        this(llmux, models, java.util.List.of());
    }

    /** Closes the client (and the transport it owns) and the resources the routing holds (a Redis router state). */
    @Override
    public void close() {
        llmux.close();
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Routing.class).warn("closing {} failed: {}", r, e.toString());
            }
        }
    }
}
