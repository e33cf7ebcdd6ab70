package dev.llmux.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessEnvTest {

    @Test
    void should_answer_what_system_getenv_answers_for_set_and_unset_variables_every_time() {
        String unset = "LLMUX_SURELY_UNSET_" + System.nanoTime();
        for (int i = 0; i < 2; i++) { // the second time from memory
            assertThat(ProcessEnv.get("PATH")).isEqualTo(System.getenv("PATH")).isNotNull();
            assertThat(ProcessEnv.get(unset)).isNull();
        }
    }
}
