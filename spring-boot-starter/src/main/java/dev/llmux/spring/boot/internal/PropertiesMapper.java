package dev.llmux.spring.boot.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import dev.llmux.catalog.ModelPrices;
import dev.llmux.config.ConfigException;
import dev.llmux.config.ConfigLoader;
import dev.llmux.config.LlmuxConfig;
import dev.llmux.config.RedisSettings;
import dev.llmux.router.Budget;
import dev.llmux.router.CooldownPolicy;
import dev.llmux.router.Deployment;
import dev.llmux.router.FailureKind;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RetryPolicy;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RoutingStrategy;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.spring.boot.InvalidLlmuxPropertyException;
import dev.llmux.spring.boot.LlmuxProperties;

/**
 * Maps {@link LlmuxProperties} (and the config file they name) to the core's types. Every check the core makes is
 * re-thrown as an {@link InvalidLlmuxPropertyException} naming the property, so startup says what to fix.
 */
public final class PropertiesMapper {

    private static final System.Logger LOG = System.getLogger(PropertiesMapper.class.getName());

    private PropertiesMapper() {}

    /**
     * @param env reads {@code os.environ/NAME} values of the config file (the Spring environment, which includes the
     *     process environment)
     */
    public static ResolvedConfig resolve(LlmuxProperties props, ResourceLoader resources, Function<String, String> env) {
        LlmuxConfig file = props.configFile() == null ? null : load(props.configFile(), resources, env);
        if (file != null) {
            // keys llmux reads but does not act on: say so once at startup rather than ignore them silently
            file.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, "llmux.config-file " + props.configFile() + ": " + w));
        }
        List<Deployment> deployments = new ArrayList<>();
        if (file != null) {
            deployments.addAll(file.deployments());
        }
        props.models().forEach((alias, group) -> {
            String at = "llmux.models." + alias + ".deployments";
            if (group.deployments().isEmpty()) {
                throw new InvalidLlmuxPropertyException(at, "model group \"" + alias + "\" has no deployments");
            }
            for (int i = 0; i < group.deployments().size(); i++) {
                deployments.add(deployment(at + "[" + i + "]", alias, group.deployments().get(i)));
            }
        });
        RouterSettings base = file != null ? file.router() : RouterSettings.defaults();
        RouterSettings router = props.router() == null ? base : router(props.router(), base);
        if (props.cache().enabled()) {
            router = guard("llmux.cache.ttl", router.toBuilder().cacheResponses(true).cacheTtl(props.cache().ttl())::build);
        }
        RedisSettings redis = props.redis() != null && props.redis().host() != null
                ? guard("llmux.redis.port", () -> new RedisSettings(props.redis().host(), props.redis().port(), props.redis().password(),
                        props.redis().failOpen()))
                : file != null ? file.redis() : null;
        boolean dropParams = props.dropParams() || (file != null && file.client().dropParams());
        String defaultModel = props.defaultModel() != null ? props.defaultModel()
                : deployments.isEmpty() ? null : deployments.get(0).group();
        String defaultEmbedding = props.defaultEmbeddingModel() != null ? props.defaultEmbeddingModel() : defaultModel;
        return new ResolvedConfig(deployments, router, dropParams, redis, defaultModel, defaultEmbedding);
    }

    private static LlmuxConfig load(String location, ResourceLoader resources, Function<String, String> env) {
        ConfigLoader loader = ConfigLoader.defaults().withEnv(env);
        try {
            if (location.startsWith("classpath:") || location.startsWith("file:")) {
                Resource resource = resources.getResource(location);
                if (!resource.exists()) {
                    throw new InvalidLlmuxPropertyException("llmux.config-file", "no config file at " + location);
                }
                try (Reader r = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    return loader.parse(r, location);
                }
            }
            Path path = Path.of(location);
            if (!Files.isRegularFile(path)) {
                throw new InvalidLlmuxPropertyException("llmux.config-file", "no config file at " + path.toAbsolutePath());
            }
            return loader.load(path);
        } catch (ConfigException e) {
            throw new InvalidLlmuxPropertyException("llmux.config-file", e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidLlmuxPropertyException("llmux.config-file", "cannot read " + location + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidLlmuxPropertyException("llmux.config-file", e.getMessage(), e);
        }
    }

    private static Deployment deployment(String at, String alias, LlmuxProperties.DeploymentProperties d) {
        if (d.model() == null || d.model().isBlank()) {
            throw new InvalidLlmuxPropertyException(at + ".model", "is required (a provider model string such as openai/gpt-4o)");
        }
        ProviderSettings.Builder settings = ProviderSettings.builder().apiKey(d.apiKey()).apiBase(d.apiBase()).apiVersion(d.apiVersion());
        d.settings().forEach(settings::set);
        Deployment.Builder b = Deployment.builder(alias, d.model()).settings(settings.build()).weight(d.weight()).rpm(d.rpm())
                .tpm(d.tpm()).order(d.order()).timeout(d.timeout()).maxInputTokens(d.maxInputTokens());
        if (d.id() != null) {
            b.id(d.id());
        }
        if (d.inputCostPerToken() != null || d.outputCostPerToken() != null) {
            b.prices(guard(at, () -> new ModelPrices(orZero(d.inputCostPerToken()), orZero(d.outputCostPerToken()), null, null)));
        }
        d.tags().forEach(b::tag);
        return guard(at, b::build);
    }

    private static BigDecimal orZero(@Nullable BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static RouterSettings router(LlmuxProperties.Router r, RouterSettings base) {
        RoutingStrategy strategy = guard("llmux.router.strategy", () -> RoutingStrategy.parse(r.strategy()));
        RetryPolicy retry = guard("llmux.router.retry-policy", () -> new RetryPolicy(r.numRetries(), r.retryPolicy()));
        LlmuxProperties.Cooldown c = r.cooldown();
        CooldownPolicy cooldown = guard("llmux.router.cooldown", () -> {
            CooldownPolicy p = CooldownPolicy.DEFAULT.withEnabled(c.enabled()).withAllowedFails(c.allowedFails())
                    .withCooldownTime(c.cooldownTime());
            for (Map.Entry<FailureKind, Integer> e : c.allowedFailsPolicy().entrySet()) {
                p = p.withAllowedFails(e.getKey(), e.getValue());
            }
            return p;
        });
        Fallbacks fallbacks = guard("llmux.router.fallbacks", () -> new Fallbacks(r.fallbacks(), r.contextWindowFallbacks(),
                r.contentPolicyFallbacks(), r.defaultFallbacks(), r.maxFallbacks()));
        RouterSettings.Builder b = base.toBuilder().strategy(strategy).retryPolicy(retry).cooldown(cooldown).fallbacks(fallbacks)
                .timeout(r.timeout()).deadline(r.deadline()).preCallChecks(r.preCallChecks());
        r.groupAliases().forEach(b::groupAlias);
        r.budgets().forEach((name, budget) -> b.budget(budget("llmux.router.budgets." + name, name, budget)));
        return guard("llmux.router", b::build);
    }

    private static Budget budget(String at, String name, LlmuxProperties.BudgetProperties p) {
        if ((p.group() == null) == (p.tag() == null)) {
            throw new InvalidLlmuxPropertyException(at, "set exactly one of group and tag");
        }
        if (p.limit() == null) {
            throw new InvalidLlmuxPropertyException(at + ".limit", "is required (USD per period)");
        }
        Budget.Scope scope = p.group() != null ? Budget.Scope.GROUP : Budget.Scope.TAG;
        String target = p.group() != null ? p.group() : p.tag();
        return guard(at, () -> new Budget(name, scope, target, p.limit(), p.period(), p.fallbackThreshold(), p.fallbackGroup(),
                p.alertThresholds()));
    }

    /** Runs a core constructor or builder, naming {@code property} in whatever it rejects. */
    static <T> T guard(String property, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidLlmuxPropertyException(property, e.getMessage(), e);
        }
    }
}
