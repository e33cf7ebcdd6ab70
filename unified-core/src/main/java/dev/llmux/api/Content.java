package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.llmux.internal.json.ContentDeserializer;
import dev.llmux.internal.json.ContentSerializer;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A message's {@code content}: on the wire either a plain string or an array of parts. Which form arrived is
 * remembered, so a request re-serializes exactly as it was written.
 *
 * @param parts the parts; a plain string is one {@link ContentPart.Text}
 * @param plainString true when the wire form is a bare string
 */
@JsonSerialize(using = ContentSerializer.class)
@JsonDeserialize(using = ContentDeserializer.class)
public record Content(List<ContentPart> parts, boolean plainString) {

    public Content {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        if (plainString && (parts.size() != 1 || !(parts.get(0) instanceof ContentPart.Text))) {
            throw new IllegalArgumentException("a plain-string content must be exactly one text part, got " + parts);
        }
    }

    /** Content written as a bare JSON string. */
    public static Content of(String text) {
        return new Content(List.of(ContentPart.text(text)), true);
    }

    /** Content written as an array of parts. */
    public static Content of(List<? extends ContentPart> parts) {
        return new Content(List.copyOf(parts), false);
    }

    public static Content of(ContentPart... parts) {
        return new Content(List.of(parts), false);
    }

    /** The text parts joined (no separator), ignoring non-text parts. */
    @JsonIgnore
    public String text() {
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text t) {
            return t.text();
        }
        return parts.stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining());
    }

    /** True when every part is text. */
    @JsonIgnore
    public boolean isTextOnly() {
        return parts.stream().allMatch(ContentPart.Text.class::isInstance);
    }
}
