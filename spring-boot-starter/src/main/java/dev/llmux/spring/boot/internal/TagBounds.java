package dev.llmux.spring.boot.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.llmux.router.Deployment;

/**
 * The values a metric tag may take: the configured aliases, deployment ids and providers. Anything else (a model
 * string a caller made up, a provider reached without the router) becomes {@value #OTHER}, so a caller cannot blow
 * up the number of time series.
 */
public final class TagBounds {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final Set<String> aliases = new HashSet<>();
    private final Set<String> deployments = new HashSet<>();
    private final Set<String> providers = new HashSet<>();

    public TagBounds(List<Deployment> configured) {
        for (Deployment d : configured) {
            aliases.add(d.group());
            deployments.add(d.id());
            int slash = d.model().indexOf('/');
            if (slash > 0) {
                providers.add(d.model().substring(0, slash));
            }
        }
    }

    public String alias(@Nullable String value) {
        return bound(value, aliases);
    }

    public String deployment(@Nullable String value) {
        return bound(value, deployments);
    }

    public String provider(@Nullable String value) {
        return bound(value, providers);
    }

    private static String bound(@Nullable String value, Set<String> allowed) {
        if (value == null) {
            return NONE;
        }
        return allowed.contains(value) ? value : OTHER;
    }
}
