package dev.llmux.internal.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.json.JsonGeneratorBase;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * The shared mapper's UTF-8 generator, writing strings through {@link JsonStrings}: their UTF-8 bytes copied in runs
 * between the characters that need escaping. Jackson writes every string a character at a time through its escape
 * table; a request's prompts and messages are most of its bytes, so on the calling thread that loop was the largest
 * single cost of writing one. Short strings (roles, names, ids) stay with Jackson, which is as quick for them, and
 * so does a string with an unpaired surrogate, and every string of a writer that escapes otherwise (non-ASCII or
 * slashes escaped, lower-case hex, surrogates split, its own character escapes). The bytes are the same either way
 * ({@code PlainStringGeneratorTest}). Property names are written from their kept bytes ({@link EncodedNames}) on the
 * same condition.
 */
final class PlainStringGenerator extends JsonGeneratorDelegate {

    /** Below this many chars the copy saves nothing worth the extra array. */
    static final int MIN_LENGTH = 24;

    /** The generator escapes as Jackson does by default, which is what {@link JsonStrings} writes. */
    private final boolean defaultEscaping;

    PlainStringGenerator(JsonGenerator utf8) {
        super(utf8, true);
        defaultEscaping = utf8 instanceof JsonGeneratorBase g
                && !g.isEnabled(JsonWriteFeature.ESCAPE_NON_ASCII)
                && !g.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                && g.isEnabled(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                && g.isEnabled(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
    }

    /** Names as ready bytes ({@link EncodedNames}) where the writer escapes as Jackson does by default. */
    @Override
    public JsonGenerator writeName(String name) {
        SerializableString encoded = name == null || !escapesAsJackson() ? null : EncodedNames.of(name);
        if (encoded == null) {
            delegate.writeName(name);
        } else {
            delegate.writeName(encoded);
        }
        return this;
    }

    @Override
    public JsonGenerator writeString(String text) {
        if (text == null || text.length() < MIN_LENGTH || !escapesAsJackson() || !JsonStrings.write(delegate, text)) {
            delegate.writeString(text);
        }
        return this;
    }

    /** Whether this writer escapes as Jackson does by default (character escapes are set after creation, per writer). */
    private boolean escapesAsJackson() {
        return defaultEscaping && delegate.getCharacterEscapes() == null;
    }
}
