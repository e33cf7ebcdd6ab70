package dev.llmux.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    private static final URI URI_ = URI.create("https://api.example.com/v1/chat/completions");
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void should_keep_its_own_read_only_copy_of_the_headers_it_is_given() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("Authorization", "Bearer sk-1");
        HttpRequest request = new HttpRequest("POST", URI_, given, BODY, null);
        given.put("Authorization", "Bearer changed");
        given.put("X-Later", "1");

        assertThat(request.headers()).containsExactly(Map.entry("Authorization", "Bearer sk-1"));
        assertThatThrownBy(() -> request.headers().put("X-New", "1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().clear()).isInstanceOf(UnsupportedOperationException.class);
        // refused even when nothing would change, as Collections.unmodifiableMap refuses
        assertThatThrownBy(() -> request.headers().remove("X-Absent")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().putAll(Map.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().putIfAbsent("Authorization", "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().computeIfPresent("X-Absent", (k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.headers().replaceAll((k, v) -> v)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_add_a_header_to_a_new_request_in_order_and_leave_the_original_as_it_was() {
        HttpRequest original = HttpRequest.postJson(URI_, Map.of("Authorization", "Bearer sk-1"), BODY);

        HttpRequest added = original.withHeader("anthropic-version", "2023-06-01").withHeader("Content-Type", "application/x");

        assertThat(original.headers()).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("Authorization", "Bearer sk-1"));
        assertThat(added.headers()).containsExactly(Map.entry("Content-Type", "application/x"),
                Map.entry("Authorization", "Bearer sk-1"), Map.entry("anthropic-version", "2023-06-01"));
        assertThat(added.header("ANTHROPIC-VERSION")).isEqualTo("2023-06-01");
        assertThatThrownBy(() -> added.headers().remove("Authorization")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_equal_a_request_built_from_a_plain_map_of_the_same_headers() {
        HttpRequest built = HttpRequest.postJson(URI_, Map.of("Authorization", "Bearer sk-1"), BODY);
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("Content-Type", "application/json");
        plain.put("Authorization", "Bearer sk-1");

        HttpRequest fromPlain = new HttpRequest("POST", URI_, plain, BODY, null);

        assertThat(built).isEqualTo(fromPlain).hasSameHashCodeAs(fromPlain);
        assertThat(built.headers()).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(built.toString()).doesNotContain("sk-1");
    }
}
