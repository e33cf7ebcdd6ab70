package dev.llmux.testing;

import java.util.Random;

/**
 * One random edit of a JSON text (a character deleted, inserted or replaced, drawn mostly from JSON's own
 * punctuation and literals), for tests that hold a fast reader to the general path on malformed and odd input.
 */
public final class Mangle {

    private static final String ALPHABET = "{}[]:,\"\\ 0123456789-.etrufalsn";

    private Mangle() {}

    public static String once(String json, Random random) {
        StringBuilder s = new StringBuilder(json);
        int at = random.nextInt(s.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
            case 0 -> s.deleteCharAt(at);
            case 1 -> s.insert(at, c);
            default -> s.setCharAt(at, c);
        }
        return s.toString();
    }
}
