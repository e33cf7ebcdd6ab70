package dev.llmux.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;
import tools.jackson.databind.JsonNode;

/**
 * Fixtures are checked, not trusted: every binary stream body the stubs serve is decoded by AWS's own
 * {@code software.amazon.eventstream} decoder (which verifies both CRCs) into exactly the fixture's frames, and
 * AWS's encoder produces the same bytes as the test encoder.
 */
class BedrockFixtureCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"stream-text.json", "stream-tools.json", "stream-reasoning.json", "stream-throttled.json"})
    void should_serve_stream_bodies_that_the_aws_decoder_reads_back_as_the_fixture(String fixture) {
        byte[] body = BedrockFixtures.stream(fixture);
        List<Message> decoded = new ArrayList<>();
        new MessageDecoder(decoded::add).feed(body);

        JsonNode entries = Json.tree(BedrockFixtures.text(fixture));
        assertThat(decoded).hasSize(entries.size());
        for (int i = 0; i < decoded.size(); i++) {
            Message m = decoded.get(i);
            JsonNode entry = entries.get(i);
            boolean exception = entry.has("exception");
            assertThat(m.getHeaders().get(":message-type").getString()).isEqualTo(exception ? "exception" : "event");
            assertThat(m.getHeaders().get(exception ? ":exception-type" : ":event-type").getString())
                    .isEqualTo(entry.get(exception ? "exception" : "event").asString());
            assertThat(m.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
            assertThat(Json.tree(new String(m.getPayload(), StandardCharsets.UTF_8))).isEqualTo(entry.get("payload"));
        }
        assertThat(BedrockFixtures.streamByAws(fixture)).isEqualTo(body);
    }
}
