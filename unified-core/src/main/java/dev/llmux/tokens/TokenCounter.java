package dev.llmux.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.tokens.ImageDimensions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts the prompt tokens of text and chat requests before they are sent, for context-window checks, budgets and
 * trimming. Thread-safe and cheap to share; get one per model with {@link #forModel(String)}.
 *
 * <p><b>OpenAI models are counted exactly</b> with their own encodings: {@code o200k_base} for gpt-4o, gpt-4.1,
 * gpt-4.5, gpt-5, the o-series and gpt-oss; {@code cl100k_base} for gpt-4, gpt-4-turbo, gpt-3.5-turbo and the
 * embedding models. Chat requests follow OpenAI's published accounting: 3 tokens per message plus the tokens of
 * its role, content and name (1 more for a name), 3 to prime the reply, and function definitions counted as
 * OpenAI's cookbook does (name and description, each property's name, type, description and enum values, with
 * fixed overheads).
 *
 * <p><b>Every other model gets an estimate</b>: the same accounting over {@code o200k_base} as a proxy for the
 * provider's tokenizer, which llmux cannot run. Claude, Gemini, Llama and Mistral tokenizers usually land within
 * about 10–25 % of it; {@link #isExact()} says which kind a counter gives. Leave headroom when a limit matters.
 *
 * <p>What is approximate for every model: tool calls inside assistant messages (name plus arguments plus 3 per
 * call); images, counted by OpenAI's tile or patch rules from their pixel size, read from the header of a
 * {@code data:} URL, while a remote image, which llmux does not fetch, counts as 1024×1024; audio and file parts,
 * which count nothing.
 */
public final class TokenCounter {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final int TOKENS_PER_MESSAGE = 3;
    private static final int TOKENS_PER_NAME = 1;
    private static final int REPLY_PRIMING = 3;
    private static final int UNKNOWN_IMAGE_SIDE = 1024;

    private final Encoding encoding;
    private final boolean exact;
    private final ImageCost images;
    private final int functionInit;

    private TokenCounter(EncodingType type, boolean exact, ImageCost images) {
        this.encoding = REGISTRY.getEncoding(type);
        this.exact = exact;
        this.images = images;
        // the cookbook's per-function overhead: 7 for the o200k models, 10 for the older cl100k ones
        this.functionInit = type == EncodingType.CL100K_BASE ? 10 : 7;
    }

    /**
     * The counter for a model, named bare ({@code gpt-4o}) or with its provider ({@code azure/gpt-4o},
     * {@code anthropic/claude-sonnet-4-5}). Azure deployments count exactly when named after their model.
     */
    public static TokenCounter forModel(String model) {
        Objects.requireNonNull(model, "model");
        String provider = "";
        String name = model;
        int slash = model.indexOf('/');
        if (slash > 0) {
            provider = model.substring(0, slash);
            name = model.substring(slash + 1);
        }
        String n = name.toLowerCase(Locale.ROOT);
        boolean openAiFamily = provider.isEmpty() || provider.equals("openai") || provider.equals("azure") || provider.equals("text-completion-openai");
        if (openAiFamily) {
            if (n.startsWith("gpt-4o-mini")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.tiles(2833, 5667));
            }
            if (n.startsWith("gpt-4.1-mini") || n.startsWith("gpt-5-mini")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.patches(1.62));
            }
            if (n.startsWith("gpt-4.1-nano") || n.startsWith("gpt-5-nano")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.patches(2.46));
            }
            if (n.startsWith("o4-mini")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.patches(1.72));
            }
            if (n.startsWith("gpt-5")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.tiles(70, 140));
            }
            if (n.startsWith("o1") || n.startsWith("o3")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.tiles(75, 150));
            }
            if (n.startsWith("gpt-4o") || n.startsWith("chatgpt-4o") || n.startsWith("gpt-4.1") || n.startsWith("gpt-4.5")
                    || n.startsWith("gpt-oss") || n.startsWith("o4")) {
                return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.tiles(85, 170));
            }
            if (n.startsWith("gpt-4") || n.startsWith("gpt-3.5") || n.startsWith("gpt-35") || n.startsWith("text-embedding-3")
                    || n.startsWith("text-embedding-ada-002")) {
                return new TokenCounter(EncodingType.CL100K_BASE, true, ImageCost.tiles(85, 170));
            }
        }
        return new TokenCounter(EncodingType.O200K_BASE, false, ImageCost.tiles(85, 170));
    }

    /** An exact {@code o200k_base} counter with gpt-4o's image rules. */
    public static TokenCounter o200k() {
        return new TokenCounter(EncodingType.O200K_BASE, true, ImageCost.tiles(85, 170));
    }

    /** An exact {@code cl100k_base} counter with gpt-4-turbo's image rules. */
    public static TokenCounter cl100k() {
        return new TokenCounter(EncodingType.CL100K_BASE, true, ImageCost.tiles(85, 170));
    }

    /** The encoding's name, {@code o200k_base} or {@code cl100k_base}. */
    public String encoding() {
        return encoding.getName();
    }

    /** True when this is the model's own tokenizer; false for the proxy estimate of non-OpenAI models. */
    public boolean isExact() {
        return exact;
    }

    /** The tokens of plain text (special-token markers such as {@code <|endoftext|>} count as ordinary text). */
    public int count(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }

    /** The prompt tokens of a request: its messages, the reply priming and its tool definitions. */
    public int count(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return countMessages(request.messages()) + countTools(request.tools() == null ? List.of() : request.tools());
    }

    /** The prompt tokens of messages, including the 3 that prime the reply. */
    public int countMessages(List<? extends ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        int total = REPLY_PRIMING;
        for (ChatMessage m : messages) {
            total += countMessage(m);
        }
        return total;
    }

    /** The tokens OpenAI adds to the prompt for function definitions (zero for none). */
    public int countTools(List<Tool> tools) {
        Objects.requireNonNull(tools, "tools");
        if (tools.isEmpty()) {
            return 0;
        }
        int total = 0;
        for (Tool t : tools) {
            total += countFunction(t.function());
        }
        return total + 12; // the cookbook's closing overhead for the functions block
    }

    /**
     * The tokens of one image by OpenAI's rules for this counter's model.
     *
     * @param detail {@code low}, {@code high} or {@code auto}/null (counted as high)
     */
    public int countImage(int width, int height, @Nullable String detail) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + width + "x" + height);
        }
        return images.tokens(width, height, "low".equals(detail));
    }

    private int countMessage(ChatMessage m) {
        int total = TOKENS_PER_MESSAGE + count(m.role());
        if (m instanceof ChatMessage.SystemMessage s) {
            total += countContent(s.content()) + countName(s.name());
        } else if (m instanceof ChatMessage.DeveloperMessage d) {
            total += countContent(d.content()) + countName(d.name());
        } else if (m instanceof ChatMessage.UserMessage u) {
            total += countContent(u.content()) + countName(u.name());
        } else if (m instanceof ChatMessage.ToolMessage t) {
            total += countContent(t.content()) + count(t.toolCallId()) + countName(t.name());
        } else if (m instanceof ChatMessage.AssistantMessage a) {
            total += a.content() == null ? 0 : countContent(a.content());
            total += a.refusal() == null ? 0 : count(a.refusal());
            total += countName(a.name());
            for (ToolCall call : a.toolCallsOrEmpty()) {
                total += 3 + count(nz(call.name())) + count(nz(call.arguments()));
            }
        } else if (m instanceof ChatMessage.UnknownMessage u) {
            for (Object v : u.fields().values()) {
                if (v instanceof String s) {
                    total += count(s);
                }
            }
        }
        return total;
    }

    private int countName(@Nullable String name) {
        return name == null ? 0 : count(name) + TOKENS_PER_NAME;
    }

    private int countContent(Content content) {
        int total = 0;
        for (ContentPart p : content.parts()) {
            // audio, files and unknown parts count nothing: their size cannot be told from here
            if (p instanceof ContentPart.Text t) {
                total += count(t.text());
            } else if (p instanceof ContentPart.Refusal r) {
                total += count(r.refusal());
            } else if (p instanceof ContentPart.ImageUrl i) {
                total += countImagePart(i.imageUrl());
            }
        }
        return total;
    }

    private int countImagePart(ContentPart.ImageUrl.Image image) {
        ImageDimensions size = null;
        String data = image.base64Data();
        if (data != null) {
            size = ImageDimensions.ofBase64(data);
        }
        return size == null
                ? countImage(UNKNOWN_IMAGE_SIDE, UNKNOWN_IMAGE_SIDE, image.detail())
                : countImage(size.width(), size.height(), image.detail());
    }

    @SuppressWarnings("unchecked")
    private int countFunction(Tool.Function f) {
        int total = functionInit;
        String description = stripPeriod(nz(f.description()));
        total += count(f.name() + ":" + description);
        Object props = f.parameters() == null ? null : f.parameters().get("properties");
        if (props instanceof Map<?, ?> properties && !properties.isEmpty()) {
            total += 3; // properties block
            for (Map.Entry<?, ?> e : properties.entrySet()) {
                total += 3; // per property
                Map<String, Object> schema = e.getValue() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                if (schema.get("enum") instanceof List<?> values) {
                    total -= 3;
                    for (Object v : values) {
                        total += 3 + count(String.valueOf(v));
                    }
                }
                String type = schema.get("type") == null ? "" : String.valueOf(schema.get("type"));
                String desc = stripPeriod(schema.get("description") == null ? "" : String.valueOf(schema.get("description")));
                total += count(e.getKey() + ":" + type + ":" + desc);
            }
        }
        return total;
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** How a model family charges images. */
    private record ImageCost(int base, int tile, double patchMultiplier) {

        static ImageCost tiles(int base, int tile) {
            return new ImageCost(base, tile, 0);
        }

        static ImageCost patches(double multiplier) {
            return new ImageCost(0, 0, multiplier);
        }

        int tokens(int width, int height, boolean low) {
            return patchMultiplier > 0 ? patchTokens(width, height) : tileTokens(width, height, low);
        }

        /** Fit in 2048×2048, shrink the short side to 768, then count 512-pixel tiles. */
        private int tileTokens(int width, int height, boolean low) {
            if (low) {
                return base;
            }
            double w = width;
            double h = height;
            if (Math.max(w, h) > 2048) {
                double s = 2048 / Math.max(w, h);
                w *= s;
                h *= s;
            }
            if (Math.min(w, h) > 768) {
                double s = 768 / Math.min(w, h);
                w *= s;
                h *= s;
            }
            long tiles = (long) Math.ceil(w / 512) * (long) Math.ceil(h / 512);
            return (int) (base + tile * tiles);
        }

        /** 32-pixel patches, at most 1536 after scaling down, times the model's multiplier (rounded up). */
        private int patchTokens(int width, int height) {
            double w = width;
            double h = height;
            long patches = (long) Math.ceil(w / 32) * (long) Math.ceil(h / 32);
            if (patches > 1536) {
                double r = Math.sqrt(32.0 * 32.0 * 1536 / (w * h));
                r *= Math.min(Math.floor(w * r / 32) / (w * r / 32), Math.floor(h * r / 32) / (h * r / 32));
                w *= r;
                h *= r;
                patches = Math.min(1536, (long) Math.ceil(w / 32) * (long) Math.ceil(h / 32));
            }
            return (int) Math.ceil(patches * patchMultiplier);
        }
    }
}
