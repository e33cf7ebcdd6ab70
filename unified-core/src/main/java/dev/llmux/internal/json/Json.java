package dev.llmux.internal.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/** The one configured Jackson mapper of llmux, and small helpers around it. */
public final class Json {

    /** Lenient on input (unknown fields ignored), exact on output. Thread-safe. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
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

    private Json() {}

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /**
     * The bytes {@code writer} writes to a generator of the shared mapper, for a hot path that writes its fields
     * itself (it may hand nested values to {@code MAPPER.writeValue(generator, value)}).
     */
    public static byte[] generate(Consumer<JsonGenerator> writer) {
        BufferRecycler recycler = MAPPER.tokenStreamFactory()._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = MAPPER.createGenerator(bytes)) {
                writer.accept(generator);
            }
            return bytes.getClearAndRelease();
        } finally {
            recycler.releaseToPool();
        }
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
        return MAPPER.getNodeFactory().pojoNode(value);
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
