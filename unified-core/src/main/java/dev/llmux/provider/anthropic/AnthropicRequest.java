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
 * @param betas the {@code anthropic-beta} values the body needs (Files API, context management, MCP, …)
 * @param jsonToolMode true when structured output is emulated with the {@code json_tool_call} tool, whose input
 *     the answer's translation turns back into message content
 * @param unwrapValues true when a lone {@code values} key of that emulated output may be unwrapped
 */
public record AnthropicRequest(ObjectNode body, Set<String> betas, boolean jsonToolMode, boolean unwrapValues) {

    public AnthropicRequest {
        Objects.requireNonNull(body, "body");
        body = body.deepCopy();
        betas = Collections.unmodifiableSet(new LinkedHashSet<>(betas));
    }

    /** A copy of the body. */
    @Override
    public ObjectNode body() {
        return body.deepCopy();
    }

    /** The body as JSON bytes. */
    public byte[] json() {
        return Json.write(body);
    }

    /** The same request with {@code "stream": true}. */
    public AnthropicRequest streaming() {
        ObjectNode b = body.deepCopy();
        b.put("stream", true);
        return new AnthropicRequest(b, betas, jsonToolMode, unwrapValues);
    }

    /**
     * The body as hosts serving Claude under their own URL want it: no {@code model} (the URL names it) and an
     * {@code anthropic_version} field, for example {@code "vertex-2023-10-16"} for Vertex AI {@code :rawPredict} /
     * {@code :streamRawPredict}, or {@code "bedrock-2023-05-31"} for Bedrock {@code InvokeModel}.
     */
    public AnthropicRequest forHost(String anthropicVersion) {
        Objects.requireNonNull(anthropicVersion, "anthropicVersion");
        ObjectNode b = body.deepCopy();
        b.remove("model");
        b.put("anthropic_version", anthropicVersion);
        return new AnthropicRequest(b, betas, jsonToolMode, unwrapValues);
    }
}
