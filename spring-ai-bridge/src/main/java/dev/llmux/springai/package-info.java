/**
 * llmux as a Spring AI {@link org.springframework.ai.chat.model.ChatModel} and
 * {@link org.springframework.ai.embedding.EmbeddingModel}: any llmux provider or router alias behind
 * {@code ChatClient}, with tools, structured output, advisors, streaming and observations.
 */
@NullMarked
package dev.llmux.springai;

import org.jspecify.annotations.NullMarked;
