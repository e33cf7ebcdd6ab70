package dev.llmux.internal.client;

import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Providers by every id they answer to. Built-ins come from {@link ServiceLoader}; later registrations win. */
public final class ProviderRegistry {

    private final Map<String, Provider> byId;

    private ProviderRegistry(Map<String, Provider> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static ProviderRegistry load(List<Provider> extra) {
        return load(extra, true);
    }

    /** @param discover whether to add the providers found with {@link ServiceLoader} before {@code extra} */
    public static ProviderRegistry load(List<Provider> extra, boolean discover) {
        Map<String, Provider> map = new LinkedHashMap<>();
        if (discover) {
            for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, ProviderRegistry.class.getClassLoader())) {
                factory.providers().forEach(p -> register(map, p));
            }
        }
        extra.forEach(p -> register(map, p));
        return new ProviderRegistry(map);
    }

    private static void register(Map<String, Provider> map, Provider p) {
        for (String id : p.ids()) {
            map.put(id, p);
        }
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public Collection<String> ids() {
        return byId.keySet();
    }
}
