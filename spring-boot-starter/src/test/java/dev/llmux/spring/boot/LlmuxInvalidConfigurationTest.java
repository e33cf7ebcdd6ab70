package dev.llmux.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmux.spring.boot.internal.LlmuxFailureAnalyzer;

class LlmuxInvalidConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LlmuxAutoConfiguration.class));

    private void assertFails(String property, String problem, String... values) {
        runner.withPropertyValues(values).run(ctx -> {
            assertThat(ctx).hasFailed();
            Throwable failure = ctx.getStartupFailure();
            while (failure != null && !(failure instanceof InvalidLlmuxPropertyException)) {
                failure = failure.getCause();
            }
            assertThat(failure).as("cause chain of %s", ctx.getStartupFailure()).isInstanceOf(InvalidLlmuxPropertyException.class);
            InvalidLlmuxPropertyException e = (InvalidLlmuxPropertyException) failure;
            assertThat(e.property()).isEqualTo(property);
            assertThat(e.problem()).contains(problem);
        });
    }

    @Test
    void should_name_the_deployment_when_rpm_is_negative() {
        assertFails("llmux.models.smart.deployments[0]", "rpm must be >= 0, was -5",
                "llmux.models.smart.deployments[0].model=mock/a", "llmux.models.smart.deployments[0].rpm=-5");
    }

    @Test
    void should_name_the_model_when_it_is_missing() {
        assertFails("llmux.models.smart.deployments[1].model", "is required",
                "llmux.models.smart.deployments[0].model=mock/a", "llmux.models.smart.deployments[1].rpm=5");
    }

    @Test
    void should_list_strategies_when_strategy_is_unknown() {
        assertFails("llmux.router.strategy", "expected one of simple-shuffle",
                "llmux.models.smart.deployments[0].model=mock/a", "llmux.router.strategy=fastest");
    }

    @Test
    void should_name_the_budget_when_its_limit_is_missing() {
        assertFails("llmux.router.budgets.daily.limit", "is required",
                "llmux.models.smart.deployments[0].model=mock/a", "llmux.router.budgets.daily.group=smart");
    }

    @Test
    void should_report_a_fallback_to_an_unknown_group() {
        assertFails("llmux.router", "nowhere",
                "llmux.models.smart.deployments[0].model=mock/a", "llmux.router.fallbacks.smart=nowhere");
    }

    @Test
    void should_name_the_config_file_when_it_does_not_exist() {
        assertFails("llmux.config-file", "no config file at classpath:missing.yaml", "llmux.config-file=classpath:missing.yaml");
    }

    @Test
    void should_refuse_redis_settings_when_llmux_redis_is_absent() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader("dev.llmux.redis"))
                .withPropertyValues("llmux.models.smart.deployments[0].model=mock/a", "llmux.redis.host=localhost")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                        .hasMessage("llmux.redis.host: Redis is configured but llmux-redis (with Lettuce) is not on the classpath; "
                                + "add it or define a RouterState bean"));
    }

    @Test
    void should_share_router_state_in_redis_when_redis_is_configured() {
        runner.withPropertyValues("llmux.models.smart.deployments[0].model=mock/a", "llmux.redis.host=localhost",
                        "llmux.redis.port=6390", "llmux.redis.fail-open=false")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    dev.llmux.redis.RedisRouterState state = ctx.getBean(dev.llmux.redis.RedisRouterState.class);
                    assertThat(state.failureMode()).isEqualTo(dev.llmux.redis.RedisRouterState.FailureMode.FAIL_CLOSED);
                    assertThat(ctx.getBean(dev.llmux.router.Router.class).state()).isSameAs(state);
                });
        runner.withPropertyValues("llmux.models.smart.deployments[0].model=mock/a").run(ctx ->
                assertThat(ctx.getBean(dev.llmux.router.RouterState.class)).isNotInstanceOf(dev.llmux.redis.RedisRouterState.class));
    }

    @Test
    void should_describe_property_and_problem_in_the_failure_analysis() {
        FailureAnalysis analysis = new LlmuxFailureAnalyzer().analyze(
                new IllegalStateException(new InvalidLlmuxPropertyException("llmux.router.strategy", "unknown routing strategy \"x\"")));
        assertThat(analysis.getDescription()).contains("Property: llmux.router.strategy").contains("Problem:  unknown routing strategy \"x\"");
        assertThat(analysis.getAction()).contains("Fix llmux.router.strategy");
    }
}
