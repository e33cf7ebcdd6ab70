package dev.llmux.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The canned payloads every client sees: one ~2 KB OpenAI-shaped chat request (system, user, assistant and user
 * turns, one tool) and ~1 KB answers in each provider's native format, whole and streamed. Built once; the stub
 * serves them as bytes, so every client parses the same answer.
 */
public final class Payloads {

    private Payloads() {}

    static final String MODEL = "gpt-4o-mini";
    static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
    static final String BEDROCK_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    static final String SYSTEM = "You are a careful travel assistant for a mid-sized European rail operator. Answer in plain "
            + "English, cite the timetable version you used, never invent connections, and when a question is ambiguous ask "
            + "one clarifying question before answering. Prices are in euros and include VAT. If the user asks about "
            + "accessibility, mention step-free access and the assistance booking line. Keep answers under 150 words "
            + "unless the user asks for detail. Do not discuss competitors' fares.";
    static final String USER_1 = "I need to get from Lyon to Turin next Tuesday morning with a bicycle. What are my options, "
            + "and do I need to book the bike space separately? I would prefer a direct train if there is one, but I can "
            + "change once if it saves more than an hour. Also, is there a discount for travellers over sixty, and can it "
            + "be combined with an advance-purchase fare? I am travelling alone with one large suitcase and the bike.";
    static final String ASSISTANT_1 = "There is no direct train on Tuesdays; the fastest option changes once in Chambery. "
            + "Bicycles need a separate reservation on the cross-border leg. Shall I check seat and bike availability?";
    static final String USER_2 = "Yes please, check the 07:34 departure and tell me the total price with the senior discount.";
    static final String TOOL_SCHEMA = "{\"type\":\"object\",\"properties\":{\"from\":{\"type\":\"string\",\"description\":"
            + "\"Origin station code\"},\"to\":{\"type\":\"string\",\"description\":\"Destination station code\"},"
            + "\"departure\":{\"type\":\"string\",\"description\":\"ISO-8601 local departure time\"},\"bike\":{\"type\":"
            + "\"boolean\"}},\"required\":[\"from\",\"to\",\"departure\"]}";
    static final String TOOL_DESCRIPTION = "Checks seat and bicycle availability for one departure";

    /** The OpenAI request body (non-streaming), about 2 KB. */
    public static String openAiRequestJson(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":["
                + "{\"role\":\"system\",\"content\":" + q(SYSTEM) + "},"
                + "{\"role\":\"user\",\"content\":" + q(USER_1) + "},"
                + "{\"role\":\"assistant\",\"content\":" + q(ASSISTANT_1) + "},"
                + "{\"role\":\"user\",\"content\":" + q(USER_2) + "}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"check_availability\",\"description\":"
                + q(TOOL_DESCRIPTION) + ",\"parameters\":" + TOOL_SCHEMA + "}}],"
                + "\"temperature\":0.2,\"max_tokens\":400"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    /** About 1 KB of answer text; every format carries it. */
    static final String ANSWER = "The 07:34 from Lyon Part-Dieu reaches Chambery at 08:58, where you change to the 09:21 "
            + "towards Turin Porta Nuova, arriving at 12:47 (timetable version 2026-11). Bike spaces on the cross-border "
            + "leg must be reserved separately and cost 10 euros; four of six spaces are still free. With the senior "
            + "discount (30 percent off flexible fares) the total is 61.60 euros for the ticket plus 10 euros for the "
            + "bike. The discount cannot be combined with advance-purchase fares, but the advance fare on this train is "
            + "already 49 euros, so the cheapest option is the advance fare at 59 euros including the bike. Step-free "
            + "access is available at both changes; the assistance line books help at Chambery.";

    public static byte[] openAiResponse() {
        return bytes("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1764000000,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + q(ANSWER)
                + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":412,"
                + "\"completion_tokens\":171,\"total_tokens\":583},\"system_fingerprint\":\"fp_bench\"}");
    }

    public static byte[] anthropicResponse() {
        return bytes("{\"id\":\"msg_bench\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + ANTHROPIC_MODEL
                + "\",\"content\":[{\"type\":\"text\",\"text\":" + q(ANSWER) + "}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":412,\"output_tokens\":171}}");
    }

    public static byte[] bedrockResponse() {
        return bytes("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":" + q(ANSWER) + "}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":412,\"outputTokens\":171,\"totalTokens\":583},"
                + "\"metrics\":{\"latencyMs\":321}}");
    }

    /** The answer cut into {@code n} deltas (whitespace-preserving, roughly equal). */
    static List<String> deltas(int n) {
        List<String> out = new ArrayList<>(n);
        StringBuilder text = new StringBuilder();
        while (text.length() < n * 4) {
            text.append(ANSWER).append(' ');
        }
        int step = text.length() / n;
        for (int i = 0; i < n; i++) {
            out.add(text.substring(i * step, i == n - 1 ? text.length() : (i + 1) * step));
        }
        return out;
    }

    /** An OpenAI SSE stream of {@code n} content chunks, a finish chunk, a usage chunk and {@code [DONE]}; one event per array. */
    public static List<byte[]> openAiStream(int n) {
        List<byte[]> events = new ArrayList<>();
        String head = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\""
                + MODEL + "\",\"system_fingerprint\":\"fp_bench\",\"choices\":[";
        events.add(bytes(head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"));
        for (String d : deltas(n)) {
            events.add(bytes(head + "{\"index\":0,\"delta\":{\"content\":" + q(d) + "},\"finish_reason\":null}]}\n\n"));
        }
        events.add(bytes(head + "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"));
        events.add(bytes(head + "],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":171,\"total_tokens\":583}}\n\n"));
        events.add(bytes("data: [DONE]\n\n"));
        return events;
    }

    public static List<byte[]> anthropicStream(int n) {
        List<byte[]> events = new ArrayList<>();
        events.add(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"" + ANTHROPIC_MODEL + "\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":412,\"output_tokens\":1}}}"));
        events.add(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String d : deltas(n)) {
            events.add(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":" + q(d) + "}}"));
        }
        events.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        events.add(sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":171}}"));
        events.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
        return events;
    }

    public static List<byte[]> bedrockStream(int n) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame("messageStart", "{\"role\":\"assistant\",\"p\":\"abc\"}"));
        for (String d : deltas(n)) {
            frames.add(frame("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":" + q(d) + "},\"p\":\"abcd\"}"));
        }
        frames.add(frame("contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"ab\"}"));
        frames.add(frame("messageStop", "{\"stopReason\":\"end_turn\",\"p\":\"abcdef\"}"));
        frames.add(frame("metadata", "{\"usage\":{\"inputTokens\":412,\"outputTokens\":171,\"totalTokens\":583},\"metrics\":{\"latencyMs\":210},\"p\":\"a\"}"));
        return frames;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] sse(String event, String data) {
        return bytes("event: " + event + "\ndata: " + data + "\n\n");
    }

    /** One AWS event-stream frame: prelude (lengths + CRC32), string headers, payload, message CRC32. */
    private static byte[] frame(String eventType, String json) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        header(h, ":event-type", eventType);
        header(h, ":content-type", "application/json");
        header(h, ":message-type", "event");
        byte[] headers = h.toByteArray();
        byte[] payload = bytes(json);
        int total = 12 + headers.length + payload.length + 4;
        ByteBuffer bb = ByteBuffer.allocate(total);
        bb.putInt(total).putInt(headers.length);
        bb.putInt((int) crc(bb.array(), 8));
        bb.put(headers).put(payload);
        bb.putInt((int) crc(bb.array(), total - 4));
        return bb.array();
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        byte[] n = bytes(name);
        byte[] v = bytes(value);
        out.write(n.length);
        out.writeBytes(n);
        out.write(7); // string
        out.write(v.length >> 8);
        out.write(v.length & 0xff);
        out.writeBytes(v);
    }

    private static long crc(byte[] b, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, len);
        return crc.getValue();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal (the payload text has no characters beyond quote and backslash needing escapes). */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
