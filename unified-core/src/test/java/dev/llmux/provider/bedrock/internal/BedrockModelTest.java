package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BedrockModelTest {

    @ParameterizedTest
    @CsvSource({
            "anthropic.claude-3-5-sonnet-20240620-v1:0, anthropic.claude-3-5-sonnet-20240620-v1:0, 0",
            "us.anthropic.claude-3-7-sonnet-20250219-v1:0, anthropic.claude-3-7-sonnet-20250219-v1:0, 0",
            "converse/eu.anthropic.claude-sonnet-4-20250514-v1:0, anthropic.claude-sonnet-4-20250514-v1:0, 40",
            "anthropic.claude-opus-4-1-20250805-v1:0, anthropic.claude-opus-4-1-20250805-v1:0, 41",
            "global.anthropic.claude-haiku-4-5-20251001-v1:0, anthropic.claude-haiku-4-5-20251001-v1:0, 45",
            "apac.anthropic.claude-opus-4-6-v1, anthropic.claude-opus-4-6-v1, 46",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0, amazon.nova-pro-v1:0, 0"})
    void should_strip_prefixes_and_read_the_claude_generation(String id, String base, int version) {
        BedrockModel m = BedrockModel.of(id);
        assertThat(m.base()).isEqualTo(base);
        assertThat(m.claudeVersion()).isEqualTo(version);
        assertThat(m.id()).isEqualTo(id.replace("converse/", ""));
    }

    @Test
    void should_derive_capabilities_from_the_family() {
        assertThat(BedrockModel.of("anthropic.claude-3-7-sonnet-20250219-v1:0").supportsReasoning()).isTrue();
        assertThat(BedrockModel.of("anthropic.claude-3-5-sonnet-20240620-v1:0").supportsReasoning()).isFalse();
        assertThat(BedrockModel.of("us.anthropic.claude-sonnet-4-5-20250929-v1:0").supportsNativeStructuredOutput()).isTrue();
        assertThat(BedrockModel.of("anthropic.claude-sonnet-4-20250514-v1:0").supportsNativeStructuredOutput()).isFalse();
        assertThat(BedrockModel.of("anthropic.claude-opus-4-6-v1").usesAdaptiveThinking()).isTrue();
        assertThat(BedrockModel.of("amazon.nova-lite-v1:0").supportsToolChoice()).isTrue();
        assertThat(BedrockModel.of("cohere.command-r-plus-v1:0").supportsToolChoice()).isFalse();
        assertThat(BedrockModel.of("mistral.mixtral-8x7b-instruct-v0:1").supportsTools()).isFalse();
    }

    @Test
    void should_encode_the_id_as_one_path_segment() {
        assertThat(BedrockModel.of("arn:aws:bedrock:us-east-1:1:inference-profile/us.x-v1:0").pathSegment())
                .isEqualTo("arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.x-v1%3A0");
    }

    @Test
    void should_reject_the_invoke_route_and_an_empty_id() {
        assertThatThrownBy(() -> BedrockModel.of("invoke/anthropic.claude-v2")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invoke");
        assertThatThrownBy(() -> BedrockModel.of("converse/")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
