/**
 * Spring Boot auto-configuration for llmux: the client and router from {@code llmux.*} properties or a LiteLLM
 * {@code config.yaml}, LangChain4j and Spring AI model beans, Micrometer metrics, observations and health.
 */
@NullMarked
package dev.llmux.spring.boot;

import org.jspecify.annotations.NullMarked;
