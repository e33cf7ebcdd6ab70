/** AWS Bedrock (Converse, ConverseStream, Titan and Cohere embeddings): {@link dev.llmux.provider.bedrock.BedrockProvider}. */
@NullMarked
package dev.llmux.provider.bedrock;

import org.jspecify.annotations.NullMarked;
