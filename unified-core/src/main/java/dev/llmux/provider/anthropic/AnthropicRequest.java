package dev.llmux.provider.anthropic;

import dev.llmux.internal.json.Json;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A translated request: the Anthropic Messages body and what the answer's translation needs to know about it.
 * Immutable: {@link #body()} returns a copy, and each {@code with…} method a new request.
 *
 * <p>A class rather than a record so that the translation, which builds a fresh body nobody else holds, can hand
 * it over without the defensive copy a caller's body needs (the copy was about 8 % of a call's own work).
 */
public final class AnthropicRequest {

    private final ObjectNode body;
    private final Set<String> betas;
    private final boolean jsonToolMode;
    private final boolean unwrapValues;

    /**
     * @param body the Messages body; copied
     * @param betas the {@code anthropic-beta} values the body needs (Files API, context management, MCP, …)
     * @param jsonToolMode true when structured output is emulated with the {@code json_tool_call} tool, whose
     *     input the answer's translation turns back into message content
     * @param unwrapValues true when a lone {@code values} key of that emulated output may be unwrapped
     */
    public AnthropicRequest(ObjectNode body, Set<String> betas, boolean jsonToolMode, boolean unwrapValues) {
        this(Handover.COPY_FIRST, body, betas, jsonToolMode, unwrapValues);
    }

    /** Whether the constructor must copy the body or may keep the one it is given. */
    private enum Handover { COPY_FIRST, OWNED }

    private AnthropicRequest(Handover handover, ObjectNode body, Set<String> betas, boolean jsonToolMode, boolean unwrapValues) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(betas, "betas");
        this.body = handover == Handover.OWNED ? body : body.deepCopy();
        this.betas = betas.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(betas));
        this.jsonToolMode = jsonToolMode;
        this.unwrapValues = unwrapValues;
    }

    /** A request around a body just built by the translation, which keeps no reference to it. */
    static AnthropicRequest owning(ObjectNode body, Set<String> betas, boolean jsonToolMode, boolean unwrapValues) {
        return new AnthropicRequest(Handover.OWNED, body, betas, jsonToolMode, unwrapValues);
    }

    /** A copy of the body, every node a plain JSON node (parts the translation only passes through included). */
    public ObjectNode body() {
        return (ObjectNode) Json.tree(json());
    }

    /** The {@code anthropic-beta} values the body needs, in order; unmodifiable. */
    public Set<String> betas() {
        return betas;
    }

    /** True when structured output is emulated with the {@code json_tool_call} tool. */
    public boolean jsonToolMode() {
        return jsonToolMode;
    }

    /** True when a lone {@code values} key of the emulated structured output may be unwrapped. */
    public boolean unwrapValues() {
        return unwrapValues;
    }

    /** The body as JSON bytes. */
    public byte[] json() {
        return Json.write(body);
    }

    /** The same request with {@code "stream": true}. */
    public AnthropicRequest streaming() {
        ObjectNode b = topLevelCopy();
        b.put("stream", true);
        return new AnthropicRequest(Handover.OWNED, b, betas, jsonToolMode, unwrapValues);
    }

    /**
     * The body as hosts serving Claude under their own URL want it: no {@code model} (the URL names it) and an
     * {@code anthropic_version} field, for example {@code "vertex-2023-10-16"} for Vertex AI {@code :rawPredict} /
     * {@code :streamRawPredict}, or {@code "bedrock-2023-05-31"} for Bedrock {@code InvokeModel}.
     */
    public AnthropicRequest forHost(String anthropicVersion) {
        Objects.requireNonNull(anthropicVersion, "anthropicVersion");
        ObjectNode b = topLevelCopy();
        b.remove("model");
        b.put("anthropic_version", anthropicVersion);
        return new AnthropicRequest(Handover.OWNED, b, betas, jsonToolMode, unwrapValues);
    }

    /**
     * A new top-level object over the same children. Enough for the {@code with…} methods, which only put and
     * remove top-level fields: no request ever changes a node below its top level once built (the constructor copies
     * a caller's body, and {@link #body()} hands out a fresh tree), so sharing the children is safe and spares a
     * deep copy of every message per stream.
     */
    private ObjectNode topLevelCopy() {
        ObjectNode b = Json.object();
        b.setAll(body);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnthropicRequest r && body.equals(r.body) && betas.equals(r.betas)
                && jsonToolMode == r.jsonToolMode && unwrapValues == r.unwrapValues;
    }

    @Override
    public int hashCode() {
        return Objects.hash(body, betas, jsonToolMode, unwrapValues);
    }

    @Override
    public String toString() {
        return "AnthropicRequest[body=" + body + ", betas=" + betas + ", jsonToolMode=" + jsonToolMode + ", unwrapValues=" + unwrapValues + "]";
    }
}
