package dev.llmux.internal.json;

/**
 * Well-formed UTF-8 (RFC 3629), checked the way the JDK's decoder judges it: no overlong forms, no surrogates,
 * nothing above U+10FFFF. The fast stream readers parse raw bytes only when this holds; otherwise the bytes go
 * through the JDK's decoder (which puts U+FFFD for what is malformed) exactly as they always did.
 */
public final class Utf8 {

    private Utf8() {}

    public static boolean isWellFormed(byte[] b) {
        return isWellFormed(b, 0, b.length);
    }

    /** Whether {@code b[offset, offset + length)} is well-formed UTF-8. */
    public static boolean isWellFormed(byte[] b, int offset, int length) {
        int i = offset;
        int n = offset + length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c == 0xe0) {
                need = 2;
                lo = 0xa0;
            } else if (c == 0xed) {
                need = 2;
                hi = 0x9f;
            } else if (c >= 0xe1 && c <= 0xef) {
                need = 2;
            } else if (c == 0xf0) {
                need = 3;
                lo = 0x90;
            } else if (c == 0xf4) {
                need = 3;
                hi = 0x8f;
            } else if (c >= 0xf1 && c <= 0xf3) {
                need = 3;
            } else {
                return false;
            }
            if (i + need >= n) {
                return false;
            }
            int second = b[i + 1] & 0xff;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int cont = b[i + k] & 0xff;
                if (cont < 0x80 || cont > 0xbf) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
