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
        boolean tools = !request.toolsOrEmpty().isEmpty();
        boolean schema = request.responseFormat() != null && request.responseFormat().isJsonSchema();
        boolean vision = false;
        for (ChatMessage m : request.messages()) {
            if (m instanceof ChatMessage.UserMessage u && hasImage(u)) {
                vision = true;
                break;
            }
        }
        Integer max = request.maxOutputTokens();
        int maxOut = max == null ? 0 : max;
        if (!tools && !schema && !vision) {
            return new RequestNeeds(promptTokens, maxOut, Set.of());
        }
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        if (tools) {
            caps.add(Capability.TOOLS);
        }
        if (schema) {
            caps.add(Capability.JSON_SCHEMA);
        }
        if (vision) {
            caps.add(Capability.VISION);
        }
        return new RequestNeeds(promptTokens, maxOut, Set.copyOf(caps));
    }

    private static boolean hasImage(ChatMessage.UserMessage u) {
        for (ContentPart p : u.content().parts()) {
            if (p instanceof ContentPart.ImageUrl) {
                return true;
            }
        }
        return false;
    }
}
