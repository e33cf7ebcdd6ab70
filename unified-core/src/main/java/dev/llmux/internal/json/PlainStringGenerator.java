package dev.llmux.internal.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * The shared mapper's UTF-8 generator, writing strings through {@link JsonStrings}: their UTF-8 bytes copied in runs
 * between the characters that need escaping. Jackson writes every string a character at a time through its escape
 * table; a request's prompts and messages are most of its bytes, so on the calling thread that loop was the largest
 * single cost of writing one. Short strings (roles, names, ids) stay with Jackson, which is as quick for them, and
 * so does a string with an unpaired surrogate. The bytes are the same either way ({@code PlainStringGeneratorTest}).
 */
final class PlainStringGenerator extends JsonGeneratorDelegate {

    /** Below this many chars the copy saves nothing worth the extra array. */
    static final int MIN_LENGTH = 24;

    PlainStringGenerator(JsonGenerator utf8) {
        super(utf8, true);
    }

    @Override
    public JsonGenerator writeString(String text) {
        if (text == null || text.length() < MIN_LENGTH || !JsonStrings.write(delegate, text)) {
            delegate.writeString(text);
        }
        return this;
    }
}
