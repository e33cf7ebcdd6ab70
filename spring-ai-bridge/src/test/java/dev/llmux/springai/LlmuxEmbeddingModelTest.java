package dev.llmux.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.testing.ScriptedProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.embedding.EmbeddingResponse;

class LlmuxEmbeddingModelTest {

    @Test
    void should_embed_texts_in_order_with_usage() {
        try (Llmux llmux = Llmux.builder().provider(new ScriptedProvider()).env(k -> null).build()) {
            LlmuxEmbeddingModel model = LlmuxEmbeddingModel.of(llmux, "scripted/embed", 3);

            EmbeddingResponse res = model.embedForResponse(List.of("a", "b"));

            assertThat(res.getResults()).extracting(e -> e.getOutput()).containsExactly(new float[] {0, 0.5f, -1f}, new float[] {1, 0.5f, -1f});
            assertThat(res.getMetadata().getUsage().getPromptTokens()).isEqualTo(5);
            assertThat(model.dimensions()).isEqualTo(3);
        }
    }
}
