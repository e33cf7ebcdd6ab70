package dev.llmux.provider.gemini.internal;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI tool-call ids for Gemini function calls, carrying the call's {@code thoughtSignature}.
 *
 * <p>Why in the id: Gemini 3 rejects a history whose {@code functionCall} parts lack the signature they came
 * with, and the one field every OpenAI-shaped client (LangChain4j, Spring AI, the OpenAI SDKs, a gateway user)
 * echoes back verbatim is the tool-call id. {@code thinking_blocks} are often dropped by clients; ids never are.
 * The id is {@code <base>__thought__<signature>}, LiteLLM's convention, so histories move between the two.
 */
public final class ToolCallIds {

    static final String SEPARATOR = "__thought__";
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private ToolCallIds() {}

    /**
     * The OpenAI id for a function call: Gemini's own id when it sent one (Vertex does), else a fresh
     * {@code call_…}; with {@code __thought__<signature>} appended when the part was signed.
     */
    public static String of(@Nullable String geminiId, @Nullable String signature) {
        String base = geminiId == null || geminiId.isEmpty() ? "call_" + random(24) : geminiId;
        return signature == null || signature.isEmpty() ? base : base + SEPARATOR + signature;
    }

    /** The signature carried by an id, or null. */
    public static @Nullable String signature(@Nullable String id) {
        if (id == null) {
            return null;
        }
        int at = id.indexOf(SEPARATOR);
        return at < 0 || at + SEPARATOR.length() == id.length() ? null : id.substring(at + SEPARATOR.length());
    }

    private static String random(int length) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
