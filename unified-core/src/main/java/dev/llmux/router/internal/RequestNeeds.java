package dev.llmux.router.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ContentPart;
import dev.llmux.catalog.Capability;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a request needs from a deployment, computed once per call.
 *
 * @param promptTokens the estimated prompt tokens
 * @param maxOutputTokens the request's output cap, or 0 when it sets none
 * @param capabilities tools, vision, JSON schema as the request uses them
 */
record RequestNeeds(int promptTokens, int maxOutputTokens, Set<Capability> capabilities) {

    static final RequestNeeds NONE = new RequestNeeds(0, 0, Set.of());

    static RequestNeeds of(ChatRequest request, int promptTokens) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        if (!request.toolsOrEmpty().isEmpty()) {
            caps.add(Capability.TOOLS);
        }
        if (request.responseFormat() != null && request.responseFormat().isJsonSchema()) {
            caps.add(Capability.JSON_SCHEMA);
        }
        for (ChatMessage m : request.messages()) {
            if (m instanceof ChatMessage.UserMessage u
                    && u.content().parts().stream().anyMatch(p -> p instanceof ContentPart.ImageUrl)) {
                caps.add(Capability.VISION);
            }
        }
        Integer max = request.maxOutputTokens();
        return new RequestNeeds(promptTokens, max == null ? 0 : max, Set.copyOf(caps));
    }
}
