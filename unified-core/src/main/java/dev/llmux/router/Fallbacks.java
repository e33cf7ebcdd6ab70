package dev.llmux.router;

import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.LlmuxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a call goes once a model group has failed (its retries exhausted, or an error that retrying cannot fix).
 * A context-window error uses {@link #contextWindow()} and a content-policy error {@link #contentPolicy()} when the
 * group has an entry there; every other error, and those two without an entry, use {@link #generic()}, else
 * {@link #defaults()}. Targets are tried in order, each with its own retries; a target may be a model group or a
 * deployment id (that one deployment, cooldown ignored). Targets' own fallbacks are not followed, a group is never
 * tried twice in one call, and at most {@link #maxFallbacks()} targets are tried (LiteLLM {@code ROUTER_MAX_FALLBACKS}).
 *
 * @param generic group → fallback targets, for any error (LiteLLM {@code fallbacks})
 * @param contextWindow group → targets for {@link ContextWindowExceededException} ({@code context_window_fallbacks})
 * @param contentPolicy group → targets for {@link ContentPolicyViolationException} ({@code content_policy_fallbacks})
 * @param defaults targets for a group without its own generic entry ({@code default_fallbacks})
 * @param maxFallbacks the most fallback targets one call may try (default 5)
 */
public record Fallbacks(
        Map<String, List<String>> generic,
        Map<String, List<String>> contextWindow,
        Map<String, List<String>> contentPolicy,
        List<String> defaults,
        int maxFallbacks) {

    public static final Fallbacks NONE = new Fallbacks(Map.of(), Map.of(), Map.of(), List.of(), 5);

    /** Which list a fallback came from, for listeners. */
    public enum Kind {
        GENERIC,
        CONTEXT_WINDOW,
        CONTENT_POLICY,
        DEFAULT,
        /** A budget crossed its threshold and named a cheaper group. */
        BUDGET
    }

    /** The targets chosen for one failure, and the list they came from. */
    public record Route(Kind kind, List<String> targets) {}

    public Fallbacks {
        generic = copy("generic", generic);
        contextWindow = copy("contextWindow", contextWindow);
        contentPolicy = copy("contentPolicy", contentPolicy);
        defaults = List.copyOf(defaults);
        if (maxFallbacks < 0) {
            throw new IllegalArgumentException("maxFallbacks must be >= 0, was " + maxFallbacks);
        }
    }

    private static Map<String, List<String>> copy(String name, Map<String, List<String>> in) {
        Objects.requireNonNull(in, name);
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException(name + " fallbacks for " + k + " must be a list, was null");
            }
            out.put(k, List.copyOf(v));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    public Fallbacks withGeneric(String group, List<String> targets) {
        return new Fallbacks(put(generic, group, targets), contextWindow, contentPolicy, defaults, maxFallbacks);
    }

    public Fallbacks withContextWindow(String group, List<String> targets) {
        return new Fallbacks(generic, put(contextWindow, group, targets), contentPolicy, defaults, maxFallbacks);
    }

    public Fallbacks withContentPolicy(String group, List<String> targets) {
        return new Fallbacks(generic, contextWindow, put(contentPolicy, group, targets), defaults, maxFallbacks);
    }

    public Fallbacks withDefaults(List<String> targets) {
        return new Fallbacks(generic, contextWindow, contentPolicy, targets, maxFallbacks);
    }

    public Fallbacks withMaxFallbacks(int maxFallbacks) {
        return new Fallbacks(generic, contextWindow, contentPolicy, defaults, maxFallbacks);
    }

    private static Map<String, List<String>> put(Map<String, List<String>> map, String group, List<String> targets) {
        Map<String, List<String>> copy = new LinkedHashMap<>(map);
        copy.put(Objects.requireNonNull(group, "group"), List.copyOf(targets));
        return copy;
    }

    /** The targets for {@code group} after {@code error}, or an empty route. */
    public Route routeFor(String group, LlmuxException error) {
        if (error instanceof ContextWindowExceededException && contextWindow.containsKey(group)) {
            return new Route(Kind.CONTEXT_WINDOW, contextWindow.get(group));
        }
        if (error instanceof ContentPolicyViolationException && contentPolicy.containsKey(group)) {
            return new Route(Kind.CONTENT_POLICY, contentPolicy.get(group));
        }
        if (generic.containsKey(group)) {
            return new Route(Kind.GENERIC, generic.get(group));
        }
        return new Route(Kind.DEFAULT, defaults);
    }
}
