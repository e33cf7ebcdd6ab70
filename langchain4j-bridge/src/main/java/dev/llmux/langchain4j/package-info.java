/**
 * llmux as LangChain4j models: {@link dev.llmux.langchain4j.LlmuxChatModel},
 * {@link dev.llmux.langchain4j.LlmuxStreamingChatModel} and {@link dev.llmux.langchain4j.LlmuxEmbeddingModel}. The
 * model string ({@code anthropic/claude-sonnet-4-5}, {@code ollama/llama3.2}, or a router alias) is the only thing that
 * changes when an agent switches vendors.
 */
@NullMarked
package dev.llmux.langchain4j;

import org.jspecify.annotations.NullMarked;
