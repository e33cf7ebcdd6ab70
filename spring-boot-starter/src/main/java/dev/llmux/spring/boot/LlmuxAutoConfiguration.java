package dev.llmux.spring.boot;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import dev.llmux.LlmInterceptor;
import dev.llmux.Llmux;
import dev.llmux.router.Router;
import dev.llmux.router.RouterListener;
import dev.llmux.router.RouterState;
import dev.llmux.spring.boot.internal.LlmuxConditions;
import dev.llmux.spring.boot.internal.LlmuxHealthIndicator;
import dev.llmux.spring.boot.internal.LlmuxMetrics;
import dev.llmux.spring.boot.internal.LlmuxObservations;
import dev.llmux.spring.boot.internal.PropertiesMapper;
import dev.llmux.spring.boot.internal.ResolvedConfig;
import dev.llmux.spring.boot.internal.TagBounds;

/**
 * Auto-configures llmux: a {@link Router} for the model groups of {@code llmux.models} and {@code llmux.config-file},
 * and the {@link Llmux} client with every {@link LlmInterceptor} bean (metrics and observations first, the router
 * last). With LangChain4j or Spring AI on the classpath it adds their model beans for the default alias
 * ({@link LlmuxLangChain4jConfiguration}, {@link LlmuxSpringAiConfiguration}); with Micrometer, meters and
 * observations; with Actuator's health module, a health contributor named {@code llmux}. Every bean backs off when
 * the application defines its own; {@link LlmuxClientCustomizer} and {@link LlmuxRouterCustomizer} beans adjust the
 * builders.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@EnableConfigurationProperties(LlmuxProperties.class)
@Import({LlmuxLangChain4jConfiguration.class, LlmuxSpringAiConfiguration.class})
public final class LlmuxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ResolvedConfig llmuxResolvedConfig(LlmuxProperties properties, ResourceLoader resources, Environment environment) {
        return PropertiesMapper.resolve(properties, resources, environment::getProperty);
    }

    @Bean
    @ConditionalOnMissingBean
    TagBounds llmuxTagBounds(ResolvedConfig config) {
        return new TagBounds(config.deployments());
    }

    @Bean
    @ConditionalOnMissingBean
    @Conditional(LlmuxConditions.OnModels.class)
    public Router llmuxRouter(ResolvedConfig config, ObjectProvider<RouterState> state, ObjectProvider<RouterListener> listeners,
            ObjectProvider<LlmuxRouterCustomizer> customizers) {
        Router.Builder builder = Router.builder().deployments(config.deployments()).settings(config.router());
        RouterState shared = state.getIfAvailable();
        if (shared != null) {
            builder.state(shared);
        } else if (config.redis() != null) {
            // a Redis that is configured but silently unused would let every instance think it has the whole rpm limit
            throw new InvalidLlmuxPropertyException("llmux.redis.host",
                    "Redis is configured but llmux-redis (with Lettuce) is not on the classpath; add it or define a RouterState bean");
        }
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidLlmuxPropertyException("llmux.router", e.getMessage(), e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Llmux llmux(ResolvedConfig config, Environment environment, ObjectProvider<LlmInterceptor> interceptors,
            ObjectProvider<LlmuxClientCustomizer> customizers) {
        // os.environ/NAME values are read through Spring's environment, which includes the process environment
        Llmux.Builder builder = Llmux.builder().env(environment::getProperty).dropParams(config.dropParams());
        interceptors.orderedStream().forEach(builder::interceptor);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        return builder.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.llmux.redis.RedisRouterState", "io.lettuce.core.RedisClient"})
    static class RedisConfiguration {
        /** Shared state when Redis is configured ({@code llmux.redis.*} or the config file), else one in memory. */
        @Bean
        @ConditionalOnMissingBean
        RouterState llmuxRouterState(ResolvedConfig config) {
            return config.redis() != null ? dev.llmux.redis.RedisRouterState.create(config.redis()) : RouterState.inMemory();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        @Order(0)
        LlmuxMetrics llmuxMetrics(MeterRegistry registry, TagBounds bounds) {
            return new LlmuxMetrics(registry, bounds);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationRegistry.class)
    @ConditionalOnBean(ObservationRegistry.class)
    static class ObservationConfiguration {
        @Bean
        @ConditionalOnMissingBean
        @Order(1)
        LlmuxObservations llmuxObservations(ObservationRegistry registry, TagBounds bounds) {
            return new LlmuxObservations(registry, bounds);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {
        // on the method: the class condition must hold before this annotation's own condition class can be loaded
        @Bean
        @ConditionalOnEnabledHealthIndicator("llmux")
        @ConditionalOnMissingBean(name = "llmuxHealthIndicator")
        @Conditional(LlmuxConditions.OnModels.class)
        LlmuxHealthIndicator llmuxHealthIndicator(Router router) {
            return new LlmuxHealthIndicator(router, Clock.systemUTC());
        }
    }
}
