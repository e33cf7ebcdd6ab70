package dev.llmux.internal.tokens;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Reads the pixel size of a PNG, JPEG, GIF or WebP image from its first bytes, so image tokens can be counted
 * without decoding the picture.
 *
 * @param width pixels across
 * @param height pixels down
 */
public record ImageDimensions(int width, int height) {

    /** The size of a base64 image, or null when the data is not one of the four formats or is cut short. */
    public static @Nullable ImageDimensions ofBase64(String base64) {
        byte[] bytes;
        try {
            // the header is all we need: decode a prefix (a multiple of 4 characters) rather than the whole image
            String prefix = base64.length() > 87_380 ? base64.substring(0, 87_380) : base64;
            bytes = Base64.getMimeDecoder().decode(prefix);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return of(bytes);
    }

    /** The size of an image from its bytes, or null when unknown. */
    public static @Nullable ImageDimensions of(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return positive(int32(b, 16), int32(b, 20));
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return positive(uint16le(b, 6), uint16le(b, 8));
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return webp(b);
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return jpeg(b);
        }
        return null;
    }

    private static @Nullable ImageDimensions webp(byte[] b) {
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return switch (chunk) {
            // lossy: 14-bit sizes after the frame start code
            case "VP8 " -> positive(uint16le(b, 26) & 0x3FFF, uint16le(b, 28) & 0x3FFF);
            // lossless: 14-bit width-1 and height-1 packed after the 0x2F signature
            case "VP8L" -> {
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                yield positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            }
            // extended: 24-bit canvas width-1 and height-1
            case "VP8X" -> positive(uint24le(b, 24) + 1, uint24le(b, 27) + 1);
            default -> null;
        };
    }

    private static @Nullable ImageDimensions jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC)
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int height = (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF);
                int width = (b[i + 7] & 0xFF) << 8 | (b[i + 8] & 0xFF);
                return positive(width, height);
            }
            i += 2 + length;
        }
        return null;
    }

    private static @Nullable ImageDimensions positive(int w, int h) {
        return w > 0 && h > 0 ? new ImageDimensions(w, h) : null;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int uint16le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int uint24le(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16;
    }
}
