package dev.llmux.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaudeModelTest {

    @ParameterizedTest
    @CsvSource({
        // id, major, minor, native structured output, adaptive thinking, reasoning
        "claude-3-haiku-20240307, 3, 0, false, false, false",
        "claude-3-5-haiku-20241022, 3, 5, false, false, false",
        "claude-3-7-sonnet-20250219, 3, 7, false, false, true",
        "claude-sonnet-4-20250514, 4, 0, false, false, true",
        "claude-opus-4-1-20250805, 4, 1, true, false, true",
        "claude-sonnet-4-5, 4, 5, true, false, true",
        "claude-sonnet-4-5@20250929, 4, 5, true, false, true",
        "us.anthropic.claude-haiku-4-5-20251001-v1:0, 4, 5, true, false, true",
        "claude-opus-4-6, 4, 6, true, true, true",
        "claude-opus-4-7, 4, 7, true, true, true",
        "claude-sonnet-5, 5, 0, true, true, true",
        "claude-haiku-5-5, 5, 5, true, true, true",
        "claude-mythos-preview, -1, 0, true, true, true"
    })
    void should_read_the_version_and_the_features_it_implies(String id, int major, int minor, boolean nativeJson, boolean adaptive,
            boolean reasoning) {
        ClaudeModel m = ClaudeModel.parse(id);
        assertThat(m.major()).isEqualTo(major);
        assertThat(m.minor()).isEqualTo(minor);
        assertThat(m.supportsNativeStructuredOutput()).isEqualTo(nativeJson);
        assertThat(m.usesAdaptiveThinking()).isEqualTo(adaptive);
        assertThat(m.supportsReasoning()).isEqualTo(reasoning);
    }
}
