package dev.llmux.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.UTF8JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/** The one configured Jackson mapper of llmux, and small helpers around it. */
public final class Json {

    /** Lenient on input (unknown fields ignored), exact on output. Thread-safe. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(new KeptRecyclers())
                    // doubles (temperature, top_p, …) by Schubfach: the shortest digits that read back as the same
                    // double, and faster than Java 17's Double.toString, which at times writes more digits
                    .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                    // byte output only: a generator writing chars (writeValueAsString) takes no raw UTF-8
                    .addDecorator((factory, g) -> g instanceof UTF8JsonGenerator ? new PlainStringGenerator(g) : g)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new SimpleModule("llmux-creators") {
                @Override
                public void setupModule(SetupContext context) {
                    super.setupModule(context);
                    context.addValueInstantiators(new SpreadingInstantiators());
                }
            })
            .build();

    /** The mapper's writer for a value inside a document being generated: it does not flush after each value. */
    private static final ObjectWriter NESTED = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private Json() {}

    public static byte[] write(Object value) {
        ByteSink out = new ByteSink();
        MAPPER.writeValue(out, value);
        return out.toByteArray();
    }

    /**
     * The bytes {@code writer} writes to a generator of the shared mapper, for a hot path that writes its fields
     * itself (handing nested values to {@link #writeNested}).
     */
    public static byte[] generate(Consumer<JsonGenerator> writer) {
        ByteSink out = new ByteSink();
        try (JsonGenerator generator = MAPPER.createGenerator(out)) {
            writer.accept(generator);
        }
        return out.toByteArray();
    }

    /** Writes {@code value} as data binding would, inside a document {@link #generate} is writing. */
    public static void writeNested(JsonGenerator generator, @Nullable Object value) {
        NESTED.writeValue(generator, value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    public static JsonNode tree(byte[] json) {
        return MAPPER.readTree(json);
    }

    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }

    public static JsonNode tree(InputStream in) {
        try (in) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    public static JsonNode valueToTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A node that writes {@code value} as {@link #write} would when its tree is written, without building the
     * value's own tree first: for large values a request body only passes through (a tool's JSON schema). Such a
     * node is a leaf to readers of the tree; {@link #valueToTree} of the whole tree expands it.
     */
    public static JsonNode embed(Object value) {
        return MAPPER.getNodeFactory().pojoNode(new EmbeddedValue(value));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, Map.class);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** True when {@code bytes} parse as JSON; never throws. */
    public static boolean isJson(byte[] bytes) {
        try {
            MAPPER.readTree(bytes);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** Text of a field, or null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
