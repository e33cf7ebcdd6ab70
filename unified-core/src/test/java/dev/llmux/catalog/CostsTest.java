package dev.llmux.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostsTest {

    private static final ModelPrices SONNET = ModelPrices.perMillion("3.00", "15.00", "0.30", "3.75");

    @Test
    void should_bill_input_and_output_at_their_prices_when_nothing_is_cached() {
        BigDecimal cost = Costs.cost(Usage.of(1000, 500), SONNET);

        // 1000 × 0.000003 + 500 × 0.000015
        assertThat(cost).isEqualTo(new BigDecimal("0.0105"));
    }

    @Test
    void should_bill_cache_reads_at_the_read_price_and_writes_at_the_write_price() {
        // prompt 10 000 = 2 000 uncached + 7 000 read + 1 000 written
        BigDecimal cost = Costs.cost(Usage.of(10_000, 200, 7_000, 1_000, 0), SONNET);

        // 2000 × 3e-6 + 7000 × 0.3e-6 + 1000 × 3.75e-6 + 200 × 15e-6 = 0.006 + 0.0021 + 0.00375 + 0.003
        assertThat(cost).isEqualTo(new BigDecimal("0.01485"));
    }

    @Test
    void should_bill_input_alone_when_there_is_no_output_and_nothing_when_there_are_no_tokens() {
        assertThat(Costs.cost(Usage.of(1000, 0), SONNET)).isEqualTo(new BigDecimal("0.003"));
        assertThat(Costs.cost(Usage.of(0, 500), SONNET)).isEqualTo(new BigDecimal("0.0075"));
        assertThat(Costs.cost(Usage.of(0, 0), SONNET)).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void should_bill_reasoning_tokens_once_as_part_of_the_completion() {
        ModelPrices o3 = ModelPrices.perMillion("2.00", "8.00", "0.50", null);

        BigDecimal cost = Costs.cost(Usage.of(100, 1_000, 0, 0, 800), o3);

        // 100 × 2e-6 + 1000 × 8e-6: the 800 reasoning tokens are inside the 1000
        assertThat(cost).isEqualTo(new BigDecimal("0.0082"));
    }

    @Test
    void should_fall_back_to_the_input_price_when_a_model_has_no_cache_prices() {
        ModelPrices plain = ModelPrices.perMillion("1", "2", null, null);

        assertThat(Costs.cost(Usage.of(1_000_000, 0, 400_000, 100_000, 0), plain)).isEqualTo(new BigDecimal("1"));
    }

    @Test
    void should_stay_exact_for_prices_that_are_not_binary_fractions() {
        ModelPrices mini = ModelPrices.perMillion("0.15", "0.60", "0.075", null);

        BigDecimal cost = Costs.cost(Usage.of(3, 7, 1, 0, 0), mini);

        // 2 × 0.00000015 + 1 × 0.000000075 + 7 × 0.0000006
        assertThat(cost).isEqualTo(new BigDecimal("0.000004575"));
    }

    @Test
    void should_cost_zero_when_usage_is_zero_or_the_model_is_free() {
        assertThat(Costs.cost(Usage.of(0, 0), SONNET)).isEqualByComparingTo("0");
        assertThat(Costs.cost(Usage.of(5000, 5000), ModelPrices.FREE)).isEqualByComparingTo("0");
    }

    @Test
    void should_not_bill_negative_uncached_input_when_a_provider_reports_more_cached_than_prompt_tokens() {
        BigDecimal cost = Costs.cost(Usage.of(10, 0, 20, 0, 0), SONNET);

        assertThat(cost).isEqualTo(new BigDecimal("0.000006"));
    }

    @Test
    void should_price_a_bundled_model_exactly() {
        ModelPrices gpt4o = ModelCatalog.bundled().find("openai", "gpt-4o").orElseThrow().prices();

        // 1 234 prompt (1 024 cached) + 567 completion: 210 × 2.5e-6 + 1024 × 1.25e-6 + 567 × 10e-6
        assertThat(Costs.cost(Usage.of(1_234, 567, 1_024, 0, 0), gpt4o)).isEqualTo(new BigDecimal("0.007475"));
    }
}
