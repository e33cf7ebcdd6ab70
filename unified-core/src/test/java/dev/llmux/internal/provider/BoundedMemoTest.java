package dev.llmux.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void should_compute_each_key_once_until_full_then_compute_new_keys_every_time() {
        List<String> computed = new ArrayList<>();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(2, k -> {
            computed.add(k);
            return k.length();
        });

        assertThat(memo.get("a")).isEqualTo(1);
        assertThat(memo.get("bb")).isEqualTo(2);
        assertThat(memo.get("a")).isEqualTo(1);
        assertThat(memo.get("ccc")).isEqualTo(3);
        assertThat(memo.get("ccc")).isEqualTo(3);

        assertThat(computed).containsExactly("a", "bb", "ccc", "ccc");
    }

    @Test
    void should_pass_on_what_the_function_throws_and_keep_nothing_for_that_key() {
        List<String> computed = new ArrayList<>();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(8, k -> {
            computed.add(k);
            return Integer.valueOf(k);
        });

        assertThatThrownBy(() -> memo.get("x")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> memo.get("x")).isInstanceOf(NumberFormatException.class);
        assertThat(computed).containsExactly("x", "x");
        assertThatThrownBy(() -> new BoundedMemo<String, Integer>(0, Integer::valueOf)).hasMessageContaining("was 0");
    }
}
