package dev.llmux.provider.bedrock;

import dev.llmux.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import tools.jackson.databind.JsonNode;

/**
 * Loads {@code fixtures/bedrock/*}. Stream fixtures are JSON lists of {@code {"event":…,"payload":{…}}} or
 * {@code {"exception":…,"payload":{…}}} entries, framed into a binary body either by the test encoder or by AWS's
 * own {@code eventstream} library, so the decoder is exercised against both.
 */
public final class BedrockFixtures {

    private BedrockFixtures() {}

    public static String text(String name) {
        try (InputStream in = BedrockFixtures.class.getResourceAsStream("/fixtures/bedrock/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream fixture framed by {@link EventStreamFrames}. */
    public static byte[] stream(String name) {
        List<byte[]> frames = new ArrayList<>();
        for (JsonNode entry : Json.tree(text(name))) {
            String payload = Json.writeString(entry.get("payload"));
            frames.add(entry.has("exception")
                    ? EventStreamFrames.exception(entry.get("exception").asString(), payload)
                    : EventStreamFrames.event(entry.get("event").asString(), payload));
        }
        return EventStreamFrames.concat(frames.toArray(byte[][]::new));
    }

    /** The stream fixture framed by AWS's {@code software.amazon.eventstream} library. */
    public static byte[] streamByAws(String name) {
        List<byte[]> frames = new ArrayList<>();
        for (JsonNode entry : Json.tree(text(name))) {
            Map<String, HeaderValue> headers = new LinkedHashMap<>();
            if (entry.has("exception")) {
                headers.put(":exception-type", HeaderValue.fromString(entry.get("exception").asString()));
                headers.put(":content-type", HeaderValue.fromString("application/json"));
                headers.put(":message-type", HeaderValue.fromString("exception"));
            } else {
                headers.put(":event-type", HeaderValue.fromString(entry.get("event").asString()));
                headers.put(":content-type", HeaderValue.fromString("application/json"));
                headers.put(":message-type", HeaderValue.fromString("event"));
            }
            ByteBuffer bb = new Message(headers, Json.write(entry.get("payload"))).toByteBuffer();
            byte[] frame = new byte[bb.remaining()];
            bb.get(frame);
            frames.add(frame);
        }
        return EventStreamFrames.concat(frames.toArray(byte[][]::new));
    }
}
