package dev.llmux.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Virtual keys: {@code sk-} plus 32 random URL-safe characters; stored as their SHA-256 hex. */
public final class KeyHashing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread: every authenticated request hashes its key, and {@code MessageDigest.getInstance}
     * walks the security providers each time. Digests are not thread-safe, hence the thread-local.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    });
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private KeyHashing() {}

    public static String newKey() {
        StringBuilder sb = new StringBuilder("sk-");
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    public static String hash(String key) {
        // digest() resets the digest, so the thread's instance is clean for the next call
        return HEX.formatHex(SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code sk-...Ab3x}: enough to recognise a key in a listing, useless to an attacker. */
    public static String abbreviate(String key) {
        return "sk-..." + key.substring(key.length() - 4);
    }

    /** Constant-time comparison, so response timing does not leak the master key. */
    public static boolean sameKey(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static boolean looksLikeHash(String s) {
        return s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
