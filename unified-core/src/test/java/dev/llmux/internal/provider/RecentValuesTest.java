package dev.llmux.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentValuesTest {

    /** A key whose hash is chosen, so that two keys can share a slot. */
    private record Key(String name, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void should_give_back_what_was_kept_for_an_equal_key_and_nothing_for_another() {
        RecentValues<String, Integer> recent = new RecentValues<>(8);
        recent.put("content", 1);

        assertThat(recent.get(new String("content"))).isEqualTo(1);
        assertThat(recent.get("role")).isNull();
    }

    @Test
    void should_let_the_newest_key_of_a_slot_replace_the_one_before_and_never_answer_for_the_other() {
        RecentValues<Key, String> recent = new RecentValues<>(4);
        Key first = new Key("first", 1);
        Key second = new Key("second", 5); // 5 & 3 == 1 & 3: the same slot

        recent.put(first, "one");
        assertThat(recent.get(second)).isNull();
        recent.put(second, "two");

        assertThat(recent.get(second)).isEqualTo("two");
        assertThat(recent.get(first)).as("replaced").isNull();
    }

    @Test
    void should_refuse_a_size_that_is_not_a_power_of_two_and_a_null_value() {
        assertThatThrownBy(() -> new RecentValues<>(12)).hasMessage("size must be a power of two, was 12");
        assertThatThrownBy(() -> new RecentValues<>(0)).hasMessage("size must be a power of two, was 0");
        assertThatThrownBy(() -> new RecentValues<String, String>(4).put("k", null)).isInstanceOf(NullPointerException.class);
    }
}
