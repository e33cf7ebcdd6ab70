package dev.llmux.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCatalogTest {

    private static final Set<String> OUR_PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini", "vertex_ai", "bedrock",
            "ollama", "cohere", "mistral", "deepseek", "groq", "together_ai", "openrouter", "xai");

    private static ModelCatalog parse(String json) {
        return ModelCatalog.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, openai, gpt-4o",
        "gpt-4o-mini, openai, gpt-4o-mini",
        "gpt-4.1, openai, gpt-4.1",
        "o3, openai, o3",
        "o4-mini, openai, o4-mini",
        "gpt-5, openai, gpt-5",
        "text-embedding-3-small, openai, text-embedding-3-small",
        "claude-sonnet-4-5, anthropic, claude-sonnet-4-5",
        "claude-sonnet-4-5-20250929, anthropic, claude-sonnet-4-5",
        "claude-3-5-haiku-latest, anthropic, claude-3-5-haiku-20241022",
        "gemini-2.5-flash, gemini, gemini-2.5-flash",
        "gemini-2.5-pro, gemini, gemini-2.5-pro",
        "gemini-2.0-flash-001, gemini, gemini-2.0-flash",
        "deepseek-chat, deepseek, deepseek-chat",
        "mistral-large-latest, mistral, mistral-large-latest",
        "llama-3.3-70b-versatile, groq, llama-3.3-70b-versatile",
        "amazon.nova-pro-v1:0, bedrock, amazon.nova-pro-v1:0",
        "us.anthropic.claude-3-7-sonnet-20250219-v1:0, bedrock, anthropic.claude-3-7-sonnet-20250219-v1:0",
        "grok-4, xai, grok-4",
        "command-a-03-2025, cohere, command-a-03-2025"
    })
    void should_resolve_bare_names_to_the_canonical_provider(String bare, String provider, String name) {
        ModelInfo info = ModelCatalog.bundled().findBare(bare).orElseThrow();

        assertThat(info.provider()).isEqualTo(provider);
        assertThat(info.name()).isEqualTo(name);
    }

    @Test
    void should_price_claude_sonnet_4_5_per_token_from_its_per_million_prices() {
        ModelInfo info = ModelCatalog.bundled().find("anthropic", "claude-sonnet-4-5").orElseThrow();

        assertThat(info.prices().input()).isEqualByComparingTo("0.000003");
        assertThat(info.prices().output()).isEqualByComparingTo("0.000015");
        assertThat(info.prices().cacheRead()).isEqualByComparingTo("0.0000003");
        assertThat(info.prices().cacheWrite()).isEqualByComparingTo("0.00000375");
        assertThat(info.maxInputTokens()).isEqualTo(200000);
        assertThat(info.maxOutputTokens()).isEqualTo(64000);
        assertThat(info.supports(Capability.REASONING)).isTrue();
        assertThat(info.supports(Capability.PROMPT_CACHING)).isTrue();
    }

    @Test
    void should_find_an_entry_by_alias_under_its_provider() {
        ModelCatalog c = ModelCatalog.bundled();
        ModelInfo info = c.find("openai", "gpt-4o-2024-08-06").orElseThrow();

        assertThat(info.name()).isEqualTo("gpt-4o");
        assertThat(c.aliases(info)).contains("gpt-4o-2024-08-06");
        assertThat(c.find("anthropic", "gpt-4o-2024-08-06")).isEmpty();
    }

    @Test
    void should_list_gemini_models_under_vertex_ai_too_without_stealing_the_bare_name() {
        assertThat(ModelCatalog.bundled().find("vertex_ai", "gemini-2.5-flash")).isPresent();
        assertThat(ModelCatalog.bundled().findBare("gemini-2.5-flash").orElseThrow().provider()).isEqualTo("gemini");
    }

    @Test
    void should_only_use_provider_ids_llmux_knows_and_give_every_chat_model_prices_and_limits() {
        Set<String> providers = new HashSet<>();
        for (ModelInfo m : ModelCatalog.bundled().models()) {
            providers.add(m.provider());
            assertThat(m.mode()).as(m.key()).isIn("chat", "embedding");
            assertThat(m.maxInputTokens()).as(m.key()).isNotNull().isPositive();
            if (m.mode().equals("chat")) {
                assertThat(m.maxOutputTokens()).as(m.key()).isNotNull().isPositive();
                assertThat(m.prices().output().signum()).as(m.key()).isPositive();
                assertThat(m.supports(Capability.STREAMING)).as(m.key()).isTrue();
            }
            assertThat(m.prices().cacheReadOrInput()).as(m.key()).isLessThanOrEqualTo(m.prices().input());
        }
        assertThat(OUR_PROVIDERS).containsAll(providers);
        assertThat(providers).contains("openai", "azure", "anthropic", "gemini", "vertex_ai", "bedrock", "mistral", "deepseek",
                "groq", "xai", "cohere", "together_ai");
        assertThat(ModelCatalog.bundled().models()).hasSizeGreaterThan(80);
    }

    @Test
    void should_override_and_extend_the_bundled_catalog_when_a_user_catalog_is_merged() {
        ModelCatalog user = parse("""
                {"models": {
                  "openai/gpt-4o": {"input_per_mtok": "1", "output_per_mtok": "2", "capabilities": ["tools"]},
                  "ollama/llama3.2": {"max_input_tokens": 131072, "input_per_mtok": "0", "output_per_mtok": "0",
                                      "aliases": ["llama3.2:latest"]}
                }}""");

        ModelCatalog merged = ModelCatalog.bundled().with(user);

        assertThat(merged.find("openai", "gpt-4o").orElseThrow().prices().input()).isEqualByComparingTo("0.000001");
        assertThat(merged.findBare("gpt-4o").orElseThrow().provider()).isEqualTo("openai");
        assertThat(merged.find("ollama", "llama3.2:latest").orElseThrow().name()).isEqualTo("llama3.2");
        assertThat(merged.findBare("claude-sonnet-4-5")).isPresent();
        assertThat(ModelCatalog.bundled().find("ollama", "llama3.2")).isEmpty();
    }

    @Test
    void should_replace_one_entry_and_keep_its_aliases_when_with_is_given_a_model() {
        ModelCatalog c = ModelCatalog.bundled();
        ModelInfo custom = c.find("openai", "gpt-4o").orElseThrow()
                .withPrices(ModelPrices.perMillion("1.00", "4.00", null, null));

        ModelCatalog d = c.with(custom);

        assertThat(d.find("openai", "gpt-4o-2024-08-06").orElseThrow().prices().output()).isEqualByComparingTo("0.000004");
        assertThat(c.find("openai", "gpt-4o").orElseThrow().prices().output()).isEqualByComparingTo("0.00001");
    }

    @Test
    void should_load_a_user_catalog_from_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("models.json");
        Files.writeString(file, """
                {"models": {"openai/my-ft": {"input_per_mtok": "3.5", "output_per_mtok": "7", "mode": "chat"}}}""");

        ModelInfo info = ModelCatalog.load(file).find("openai", "my-ft").orElseThrow();

        assertThat(info.prices().input()).isEqualByComparingTo(new BigDecimal("0.0000035"));
        assertThat(info.mode()).isEqualTo("chat");
    }

    @Test
    void should_name_the_file_when_it_cannot_be_read(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> ModelCatalog.load(missing)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope.json");
    }

    @Test
    void should_name_the_entry_and_field_when_a_user_catalog_is_wrong() {
        assertThatThrownBy(() -> parse("{\"models\": {\"gpt-4o\": {\"input_per_mtok\": \"1\", \"output_per_mtok\": \"1\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider/name, was gpt-4o");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"1\"}}}"))
                .hasMessageContaining("openai/x needs input_per_mtok and output_per_mtok");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"one\", \"output_per_mtok\": \"1\"}}}"))
                .hasMessageContaining("openai/x has a price that is not a decimal number");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"-1\", \"output_per_mtok\": \"1\"}}}"))
                .hasMessageContaining("openai/x").hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"1\", \"output_per_mtok\": \"1\", \"input_cost\": 1}}}"))
                .hasMessageContaining("unknown field \"input_cost\"");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"1\", \"output_per_mtok\": \"1\", \"capabilities\": [\"telepathy\"]}}}"))
                .hasMessageContaining("unknown capability telepathy");
        assertThatThrownBy(() -> parse("{\"models\": {\"openai/x\": {\"input_per_mtok\": \"1\", \"output_per_mtok\": \"1\", \"max_input_tokens\": -5}}}"))
                .hasMessageContaining("max_input_tokens must be a positive integer, was -5");
        assertThatThrownBy(() -> parse("{\"model\": {}}")).hasMessageContaining("needs a \"models\" object");
        assertThatThrownBy(() -> parse("{not json")).hasMessageContaining("not valid JSON");
    }

    @Test
    void should_not_answer_for_another_provider_whose_question_lands_on_the_same_kept_answer() {
        ModelCatalog catalog = ModelCatalog.bundled();
        ModelInfo info = catalog.find("openai", "gpt-4o").orElseThrow();
        for (int i = 0; i < 500; i++) { // with 64 kept answers, several of these land where openai's is kept
            assertThat(catalog.find("openai", "gpt-4o")).containsSame(info);
            assertThat(catalog.find("p" + i, "gpt-4o")).as("provider p%d", i).isEmpty();
        }
    }

    @Test
    void should_find_every_entry_by_its_name_and_its_aliases_however_often_and_in_whatever_order_it_is_asked() {
        ModelCatalog catalog = ModelCatalog.bundled();
        java.util.List<ModelInfo> all = new java.util.ArrayList<>(catalog.models());
        for (int round = 0; round < 3; round++) { // the answers it keeps must never stand in for another model's
            java.util.Collections.shuffle(all, new java.util.Random(round));
            for (ModelInfo info : all) {
                assertThat(catalog.find(info.provider(), info.name())).as(info.key()).containsSame(info);
                assertThat(catalog.find(info.provider(), new String(info.name()))).as("an equal name").containsSame(info);
                for (String alias : catalog.aliases(info)) {
                    assertThat(catalog.find(info.provider(), alias)).as(info.key() + " as " + alias).containsSame(info);
                }
                assertThat(catalog.find(info.provider(), info.name() + "-not-a-model")).isEmpty();
                assertThat(catalog.find("not-a-provider", info.name())).isEmpty();
            }
        }
    }
}
