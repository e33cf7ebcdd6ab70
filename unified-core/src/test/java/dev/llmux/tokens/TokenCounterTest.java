package dev.llmux.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.internal.tokens.ImageDimensions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCounterTest {

    /** The example conversation of OpenAI's "How to count tokens with tiktoken" cookbook. */
    private static final List<ChatMessage> COOKBOOK = List.of(
            ChatMessage.system("You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
            new ChatMessage.SystemMessage(Content.of("New synergies will help drive top-line growth."), "example_user", null),
            new ChatMessage.SystemMessage(Content.of("Things working well together will increase revenue."), "example_assistant", null),
            new ChatMessage.SystemMessage(Content.of("Let's circle back when we have more time to touch base on opportunities for increased leverage."),
                    "example_user", null),
            new ChatMessage.SystemMessage(Content.of("Let's talk later when we're less busy about how to do better."), "example_assistant", null),
            ChatMessage.user("This late pivot means we don't have time to boil the ocean for the client deliverable."));

    private static final Tool WEATHER = Tool.function("get_current_weather", "Get the current weather in a given location", Map.of(
            "type", "object",
            "properties", linked(
                    "location", Map.of("type", "string", "description", "The city and state, e.g. San Francisco, CA"),
                    "unit", Map.of("type", "string", "description", "The unit of temperature to return", "enum", List.of("celsius", "fahrenheit"))),
            "required", List.of("location")));

    private static Map<String, Object> linked(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, o200k_base, true",
        "openai/gpt-4o-mini, o200k_base, true",
        "azure/gpt-4.1, o200k_base, true",
        "o3, o200k_base, true",
        "o4-mini, o200k_base, true",
        "gpt-5, o200k_base, true",
        "gpt-4, cl100k_base, true",
        "gpt-4-turbo, cl100k_base, true",
        "gpt-3.5-turbo, cl100k_base, true",
        "text-embedding-3-small, cl100k_base, true",
        "anthropic/claude-sonnet-4-5, o200k_base, false",
        "gemini/gemini-2.5-flash, o200k_base, false",
        "claude-sonnet-4-5, o200k_base, false",
        "bedrock/anthropic.claude-3-haiku-20240307-v1:0, o200k_base, false"
    })
    void should_pick_the_openai_encoding_and_say_whether_it_is_exact(String model, String encoding, boolean exact) {
        TokenCounter c = TokenCounter.forModel(model);

        assertThat(c.encoding()).isEqualTo(encoding);
        assertThat(c.isExact()).isEqualTo(exact);
    }

    @Test
    void should_count_plain_text_like_tiktoken() {
        assertThat(TokenCounter.cl100k().count("tiktoken is great!")).isEqualTo(6);
        assertThat(TokenCounter.o200k().count("hello world")).isEqualTo(2);
        assertThat(TokenCounter.o200k().count("")).isZero();
        // special-token text is ordinary text, never an error
        assertThat(TokenCounter.o200k().count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void should_count_the_cookbook_conversation_as_openai_does() {
        assertThat(TokenCounter.forModel("gpt-3.5-turbo").countMessages(COOKBOOK)).isEqualTo(129);
        assertThat(TokenCounter.forModel("gpt-4").countMessages(COOKBOOK)).isEqualTo(129);
        assertThat(TokenCounter.forModel("gpt-4o").countMessages(COOKBOOK)).isEqualTo(124);
        assertThat(TokenCounter.forModel("gpt-4o-mini").countMessages(COOKBOOK)).isEqualTo(124);
    }

    @Test
    void should_count_function_definitions_as_openai_does() {
        ChatRequest req = ChatRequest.builder().model("gpt-4o")
                .messages(List.of(ChatMessage.system("You are a helpful assistant that can answer to questions about the weather."),
                        ChatMessage.user("What's the weather like in San Francisco?")))
                .tools(List.of(WEATHER)).build();

        assertThat(TokenCounter.forModel("gpt-4o").count(req)).isEqualTo(101);
        assertThat(TokenCounter.forModel("gpt-4o-mini").count(req)).isEqualTo(101);
        assertThat(TokenCounter.forModel("gpt-3.5-turbo").count(req)).isEqualTo(105);
        assertThat(TokenCounter.forModel("gpt-4o").countTools(List.of())).isZero();
    }

    @Test
    void should_count_only_messages_and_priming_when_a_request_has_no_tools() {
        TokenCounter c = TokenCounter.forModel("gpt-4o");
        ChatRequest req = ChatRequest.builder().model("gpt-4o").messages(COOKBOOK).build();

        assertThat(c.count(req)).isEqualTo(124);
        assertThat(c.countMessages(List.of())).isEqualTo(3);
        // one user message "hello world": 3 per message + "user" (1) + "hello world" (2) + 3 priming
        assertThat(c.countMessages(List.of(ChatMessage.user("hello world")))).isEqualTo(9);
    }

    @Test
    void should_count_assistant_tool_calls_and_tool_results() {
        TokenCounter c = TokenCounter.forModel("gpt-4o");
        ChatMessage.AssistantMessage call = ChatMessage.AssistantMessage.builder()
                .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}"))).build();
        ChatMessage tool = new ChatMessage.ToolMessage("call_1", Content.of("18C"), null, null);

        int callTokens = c.countMessages(List.of(call)) - 3;
        int toolTokens = c.countMessages(List.of(tool)) - 3;

        assertThat(callTokens).isEqualTo(3 + c.count("assistant") + 3 + c.count("get_weather") + c.count("{\"city\":\"Paris\"}"));
        assertThat(toolTokens).isEqualTo(3 + c.count("tool") + c.count("18C") + c.count("call_1"));
    }

    @Test
    void should_count_images_by_openai_tile_rules() {
        TokenCounter gpt4o = TokenCounter.forModel("gpt-4o");

        assertThat(gpt4o.countImage(1024, 1024, "high")).isEqualTo(765);
        assertThat(gpt4o.countImage(2048, 4096, "high")).isEqualTo(1105);
        assertThat(gpt4o.countImage(2048, 4096, null)).isEqualTo(1105);
        assertThat(gpt4o.countImage(4096, 8192, "low")).isEqualTo(85);
        assertThat(gpt4o.countImage(300, 300, "auto")).isEqualTo(255);
        assertThat(TokenCounter.forModel("gpt-4o-mini").countImage(1024, 1024, "high")).isEqualTo(2833 + 4 * 5667);
        assertThat(TokenCounter.forModel("gpt-5").countImage(1024, 1024, "high")).isEqualTo(70 + 4 * 140);
        assertThat(TokenCounter.forModel("o3").countImage(1024, 1024, "low")).isEqualTo(75);
    }

    @Test
    void should_count_images_by_openai_patch_rules_for_the_mini_models() {
        // 1024×1024 = 1024 patches; 1800×2400 shrinks to 1056×1408 = 1452 patches
        assertThat(TokenCounter.forModel("gpt-4.1-mini").countImage(1024, 1024, null)).isEqualTo(1659);
        assertThat(TokenCounter.forModel("gpt-4.1-nano").countImage(1800, 2400, null)).isEqualTo((int) Math.ceil(1452 * 2.46));
        assertThat(TokenCounter.forModel("o4-mini").countImage(1800, 2400, null)).isEqualTo((int) Math.ceil(1452 * 1.72));
    }

    @Test
    void should_read_the_size_of_an_inline_image_and_assume_1024_square_for_a_remote_one() throws Exception {
        TokenCounter c = TokenCounter.forModel("gpt-4o");
        String png = "data:image/png;base64," + encode(2000, 500, "png");
        ChatMessage withInline = ChatMessage.user(ContentPart.text("What is this?"), new ContentPart.ImageUrl(new ContentPart.ImageUrl.Image(png, "high")));
        ChatMessage withRemote = ChatMessage.user(ContentPart.text("What is this?"),
                new ContentPart.ImageUrl(new ContentPart.ImageUrl.Image("https://example.com/cat.png", null)));
        int text = 3 + c.count("user") + c.count("What is this?") + 3;

        // 2000×500: short side 500 stays, 4×1 tiles
        assertThat(c.countMessages(List.of(withInline))).isEqualTo(text + 85 + 4 * 170);
        assertThat(c.countMessages(List.of(withRemote))).isEqualTo(text + 765);
    }

    @Test
    void should_read_png_jpeg_and_gif_sizes_from_their_headers() throws Exception {
        assertThat(ImageDimensions.ofBase64(encode(640, 480, "png"))).isEqualTo(new ImageDimensions(640, 480));
        assertThat(ImageDimensions.ofBase64(encode(123, 77, "jpg"))).isEqualTo(new ImageDimensions(123, 77));
        assertThat(ImageDimensions.ofBase64(encode(31, 2, "gif"))).isEqualTo(new ImageDimensions(31, 2));
        assertThat(ImageDimensions.ofBase64("not base64 at all!")).isNull();
        assertThat(ImageDimensions.ofBase64(Base64.getEncoder().encodeToString("plain text".getBytes()))).isNull();
    }

    @Test
    void should_read_webp_sizes_from_their_headers() {
        byte[] vp8x = new byte[30];
        System.arraycopy("RIFF".getBytes(), 0, vp8x, 0, 4);
        System.arraycopy("WEBPVP8X".getBytes(), 0, vp8x, 8, 8);
        // canvas 1920×1080 stored as width-1, height-1 in 24-bit little endian
        vp8x[24] = (byte) (1919 & 0xFF);
        vp8x[25] = (byte) (1919 >> 8);
        vp8x[27] = (byte) (1079 & 0xFF);
        vp8x[28] = (byte) (1079 >> 8);

        assertThat(ImageDimensions.of(vp8x)).isEqualTo(new ImageDimensions(1920, 1080));
    }

    @Test
    void should_reject_an_image_size_that_is_not_positive() {
        assertThatThrownBy(() -> TokenCounter.o200k().countImage(0, 10, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0x10");
    }

    private static String encode(int w, int h, String format) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
