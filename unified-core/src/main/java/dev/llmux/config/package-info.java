/**
 * Loading LiteLLM's {@code config.yaml} ({@code model_list}, {@code router_settings}, {@code litellm_settings},
 * {@code general_settings}, {@code environment_variables}) into llmux's types, for the router, the gateway and the
 * Spring Boot starter alike: {@link dev.llmux.config.ConfigLoader}.
 */
@NullMarked
package dev.llmux.config;

import org.jspecify.annotations.NullMarked;
