package dev.llmux.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** Helpers shared by the WireMock tests of the native providers. */
public final class StubSupport {

    private StubSupport() {}

    /** A fixture under {@code src/test/resources/fixtures/}. */
    public static String fixture(String path) {
        try (InputStream in = StubSupport.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids {@code id1}, {@code id2}, … so generated ids are known in assertions. */
    public static Supplier<String> sequentialIds() {
        AtomicInteger n = new AtomicInteger();
        return () -> "id" + n.incrementAndGet();
    }

    /** Asserts that {@code actual} serializes to exactly {@code expectedJson} (as JSON trees). */
    public static void assertJson(Object actual, String expectedJson) {
        JsonNode expected = Json.tree(expectedJson);
        // through text, so numbers compare as parsed (an int and a long 42 are the same JSON)
        JsonNode got = Json.tree(actual instanceof JsonNode n ? n.toString() : Json.writeString(actual));
        if (!got.equals(expected)) {
            // objects compare regardless of key order; the strings are only for a readable failure
            assertThat(got.toPrettyString()).isEqualTo(expected.toPrettyString());
            assertThat(got).isEqualTo(expected);
        }
    }

    /** The body of the only request WireMock received, as a JSON tree. */
    public static JsonNode onlyRequestBody(WireMockExtension wm) {
        List<LoggedRequest> all = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(all).hasSize(1);
        return Json.tree(all.get(0).getBodyAsString());
    }
}
