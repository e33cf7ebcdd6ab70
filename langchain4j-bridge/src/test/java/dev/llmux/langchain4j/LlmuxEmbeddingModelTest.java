package dev.llmux.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.llmux.Llmux;
import dev.llmux.testing.ScriptedProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmuxEmbeddingModelTest {

    @Test
    void should_embed_all_segments_in_order_with_usage() {
        try (Llmux llmux = Llmux.builder().provider(new ScriptedProvider()).env(k -> null).build()) {
            LlmuxEmbeddingModel model = LlmuxEmbeddingModel.builder().llmux(llmux).modelName("scripted/embed").dimensions(3).build();

            Response<List<Embedding>> res = model.embedAll(List.of(TextSegment.from("a"), TextSegment.from("b")));

            assertThat(res.content()).extracting(Embedding::vector).containsExactly(new float[] {0, 0.5f, -1f}, new float[] {1, 0.5f, -1f});
            assertThat(res.tokenUsage().inputTokenCount()).isEqualTo(5);
            assertThat(model.dimension()).isEqualTo(3);
        }
    }
}
