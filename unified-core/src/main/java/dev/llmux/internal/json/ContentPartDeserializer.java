package dev.llmux.internal.json;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ContentPart;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads a content part by its {@code type}; a type llmux does not know becomes {@link ContentPart.Unknown}. */
public final class ContentPartDeserializer extends ValueDeserializer<ContentPart> {
    @Override
    public ContentPart deserialize(JsonParser p, DeserializationContext ctxt) {
        JsonNode node = ctxt.readTree(p);
        if (node.isString()) {
            return ContentPart.text(node.asString());
        }
        if (!node.isObject()) {
            return (ContentPart) ctxt.reportInputMismatch(ContentPart.class, "a content part must be an object, got %s", node.getNodeType());
        }
        String type = Json.text(node, "type");
        if (type == null) {
            return (ContentPart) ctxt.reportInputMismatch(ContentPart.class, "a content part needs a \"type\"");
        }
        return switch (type) {
            case "text" -> {
                String text = Json.text(node, "text");
                if (text == null) {
                    yield (ContentPart) ctxt.reportInputMismatch(ContentPart.class, "a text part needs \"text\"");
                }
                JsonNode cc = node.get("cache_control");
                yield new ContentPart.Text(text, cc == null || cc.isNull() ? null : ctxt.readTreeAsValue(cc, CacheControl.class));
            }
            case "image_url" -> {
                JsonNode img = node.get("image_url");
                if (img != null && img.isString()) {
                    yield ContentPart.imageUrl(img.asString());
                }
                if (img == null || Json.text(img, "url") == null) {
                    yield (ContentPart) ctxt.reportInputMismatch(ContentPart.class, "an image_url part needs \"image_url.url\"");
                }
                yield ctxt.readTreeAsValue(node, ContentPart.ImageUrl.class);
            }
            case "input_audio" -> ctxt.readTreeAsValue(node, ContentPart.InputAudio.class);
            case "file" -> ctxt.readTreeAsValue(node, ContentPart.File.class);
            case "refusal" -> ctxt.readTreeAsValue(node, ContentPart.Refusal.class);
            default -> new ContentPart.Unknown(type, Json.toMap(node));
        };
    }
}
