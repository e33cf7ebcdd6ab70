package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmux.internal.json.ContentPartDeserializer;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/** One part of a message's content array: text, image, audio, file, refusal, or a type llmux does not know. */
@JsonDeserialize(using = ContentPartDeserializer.class)
public sealed interface ContentPart {

    /** The wire {@code type} of this part. */
    String type();

    static Text text(String text) {
        return new Text(text, null);
    }

    static ImageUrl imageUrl(String url) {
        return new ImageUrl(new ImageUrl.Image(url, null));
    }

    static ImageUrl imageUrl(String url, String detail) {
        return new ImageUrl(new ImageUrl.Image(url, detail));
    }

    /** {@code {"type":"text","text":…}}, optionally with a cache marker. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "text"})
    record Text(String text, @JsonProperty("cache_control") @Nullable CacheControl cacheControl) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "text";
        }
    }

    /** {@code {"type":"image_url","image_url":{"url":…,"detail":…}}}; the URL may be a {@code data:} URL. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "image_url"})
    record ImageUrl(@JsonProperty("image_url") Image imageUrl) implements ContentPart {
        public ImageUrl {
            Objects.requireNonNull(imageUrl, "image_url");
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "image_url";
        }

        /**
         * @param url an {@code https:} URL or a {@code data:<mime>;base64,<data>} URL
         * @param detail {@code auto}, {@code low} or {@code high}
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Image(String url, @Nullable String detail) {
            public Image {
                Objects.requireNonNull(url, "url");
            }

            /** True when the image is inline base64 ({@code data:} URL). */
            @JsonIgnore
            public boolean isData() {
                return url.startsWith("data:");
            }

            /** The media type of a {@code data:} URL, or null for a remote URL. */
            @JsonIgnore
            public @Nullable String mediaType() {
                if (!isData()) {
                    return null;
                }
                int semi = url.indexOf(';');
                int comma = url.indexOf(',');
                int end = semi > 0 && semi < comma ? semi : comma;
                return end > 5 ? url.substring(5, end) : null;
            }

            /** The base64 payload of a {@code data:} URL, or null for a remote URL. */
            @JsonIgnore
            public @Nullable String base64Data() {
                if (!isData()) {
                    return null;
                }
                int comma = url.indexOf(',');
                return comma < 0 ? null : url.substring(comma + 1);
            }
        }
    }

    /** {@code {"type":"input_audio","input_audio":{"data":<base64>,"format":"wav"|"mp3"}}}. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonPropertyOrder({"type", "input_audio"})
    record InputAudio(@JsonProperty("input_audio") Audio inputAudio) implements ContentPart {
        public InputAudio {
            Objects.requireNonNull(inputAudio, "input_audio");
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "input_audio";
        }

        public record Audio(String data, String format) {}
    }

    /** {@code {"type":"file","file":{"file_id"|"file_data","filename"}}}. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonPropertyOrder({"type", "file"})
    record File(@JsonProperty("file") FileRef file) implements ContentPart {
        public File {
            Objects.requireNonNull(file, "file");
        }

        @Override
        @JsonProperty("type")
        public String type() {
            return "file";
        }

        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record FileRef(
                @JsonProperty("file_id") @Nullable String fileId,
                @JsonProperty("file_data") @Nullable String fileData,
                @Nullable String filename) {}
    }

    /** {@code {"type":"refusal","refusal":…}}, only in assistant content. */
    @JsonDeserialize(using = ValueDeserializer.None.class)
    @JsonPropertyOrder({"type", "refusal"})
    record Refusal(String refusal) implements ContentPart {
        @Override
        @JsonProperty("type")
        public String type() {
            return "refusal";
        }
    }

    /** A part whose type llmux does not know, kept with all its fields. */
    record Unknown(@JsonIgnore String type, @JsonIgnore Map<String, Object> fields) implements ContentPart {
        public Unknown {
            fields = Map.copyOf(fields);
        }

        @JsonAnyGetter
        Map<String, Object> wire() {
            return fields;
        }

        @Override
        @JsonIgnore
        public String type() {
            return type;
        }
    }
}
