package dev.llmux.router.internal;

import dev.llmux.router.Budget;
import dev.llmux.router.Deployment;
import dev.llmux.router.RouterSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a router's configuration as a whole when it is built, naming the bad value. */
final class RouterValidation {

    private RouterValidation() {}

    static Map<String, List<Deployment>> groups(List<Deployment> deployments, RouterSettings settings) {
        if (deployments.isEmpty()) {
            throw new IllegalArgumentException("a router needs at least one deployment");
        }
        Map<String, List<Deployment>> groups = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Deployment d : deployments) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("two deployments share the id " + d.id() + " (group " + d.group() + ", model "
                        + d.model() + "); give them distinct ids (model_info.id)");
            }
            groups.computeIfAbsent(d.group(), g -> new ArrayList<>()).add(d);
        }
        for (String g : groups.keySet()) {
            if (ids.contains(g)) {
                throw new IllegalArgumentException("\"" + g + "\" is both a group and a deployment id");
            }
        }
        settings.groupAliases().forEach((alias, group) -> {
            if (!groups.containsKey(group)) {
                throw new IllegalArgumentException("group alias " + alias + " points to unknown group " + group);
            }
        });
        var f = settings.fallbacks();
        checkTargets("fallbacks", f.generic(), groups, ids, settings);
        checkTargets("context window fallbacks", f.contextWindow(), groups, ids, settings);
        checkTargets("content policy fallbacks", f.contentPolicy(), groups, ids, settings);
        for (String t : f.defaults()) {
            checkTarget("default fallbacks", t, groups, ids, settings);
        }
        for (Budget b : settings.budgets()) {
            if (b.scope() == Budget.Scope.GROUP && !groups.containsKey(b.target())) {
                throw new IllegalArgumentException("budget " + b.name() + " is for unknown group " + b.target());
            }
            if (b.fallbackGroup() != null && !groups.containsKey(b.fallbackGroup())) {
                throw new IllegalArgumentException("budget " + b.name() + " falls back to unknown group " + b.fallbackGroup());
            }
        }
        Map<String, List<Deployment>> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static void checkTargets(String what, Map<String, List<String>> map, Map<String, List<Deployment>> groups, Set<String> ids,
            RouterSettings settings) {
        map.forEach((from, targets) -> {
            if (!groups.containsKey(from) && !settings.groupAliases().containsKey(from)) {
                throw new IllegalArgumentException(what + " are set for unknown group " + from);
            }
            targets.forEach(t -> checkTarget(what + " of " + from, t, groups, ids, settings));
        });
    }

    private static void checkTarget(String what, String target, Map<String, List<Deployment>> groups, Set<String> ids, RouterSettings settings) {
        if (!groups.containsKey(target) && !ids.contains(target) && !settings.groupAliases().containsKey(target)) {
            throw new IllegalArgumentException(what + " name unknown group or deployment id " + target);
        }
    }
}
