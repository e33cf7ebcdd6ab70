package dev.llmux.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void should_read_retry_after_ms_first_with_fractions() {
        assertThat(RetryAfter.fromHeaders("1500", "30", NOW)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RetryAfter.fromHeaders("0.5", null, NOW)).isEqualTo(Duration.ofNanos(500_000));
    }

    @Test
    void should_fall_back_to_retry_after_when_retry_after_ms_is_unusable() {
        assertThat(RetryAfter.fromHeaders("soon", "2", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.fromHeaders("-5", "2", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryAfter.fromHeaders("NaN", "2", NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @CsvSource({"30, PT30S", "0, PT0S", "1.5, PT1.5S", "' 7 ', PT7S"})
    void should_read_retry_after_seconds(String header, Duration expected) {
        assertThat(RetryAfter.fromHeaders(null, header, NOW)).isEqualTo(expected);
    }

    @Test
    void should_read_retry_after_as_an_http_date_relative_to_now() {
        assertThat(RetryAfter.fromHeaders(null, "Wed, 21 Oct 2015 07:28:45 GMT", NOW)).isEqualTo(Duration.ofSeconds(45));
        assertThat(RetryAfter.fromHeaders(null, "Wed, 21 Oct 2015 07:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-1", "NaN", "Infinity", "tomorrow", "21 Oct 2015"})
    void should_give_null_for_an_absent_negative_or_unparseable_retry_after(String header) {
        assertThat(RetryAfter.fromHeaders(null, header, NOW)).isNull();
    }

    @Test
    void should_give_null_when_both_headers_are_absent() {
        assertThat(RetryAfter.fromHeaders(null, null, NOW)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "1s, PT1S",
        "6m0s, PT6M",
        "12ms, PT0.012S",
        "1.5s, PT1.5S",
        "1h2m3.5s, PT1H2M3.5S",
        "34s, PT34S",
        "0.123456789s, PT0.123456789S",
        "500us, PT0.0005S",
        "500µs, PT0.0005S",
        "250ns, PT0.00000025S",
        "0s, PT0S"
    })
    void should_parse_go_and_google_durations(String text, Duration expected) {
        assertThat(RetryAfter.parseDuration(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "1", "1x", "1m30", "abc", "1s garbage", "-1s"})
    void should_reject_what_is_not_a_duration(String text) {
        assertThat(RetryAfter.parseDuration(text)).isNull();
    }
}
