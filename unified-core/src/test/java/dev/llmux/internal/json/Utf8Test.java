package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void should_judge_every_short_byte_sequence_as_the_jdk_decoder_does() {
        // every 1- and 2-byte sequence, and 3- and 4-byte ones around the boundaries
        for (int a = 0; a < 256; a++) {
            assertThat(Utf8.isWellFormed(new byte[] {(byte) a})).as("%02x", a).isEqualTo(jdkAccepts(new byte[] {(byte) a}));
            for (int b = 0; b < 256; b++) {
                byte[] two = {(byte) a, (byte) b};
                assertThat(Utf8.isWellFormed(two)).as("%02x %02x", a, b).isEqualTo(jdkAccepts(two));
            }
        }
        int[] leads = {0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xc0, 0xc1, 0xc2, 0xdf};
        int[] conts = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
        for (int lead : leads) {
            for (int x : conts) {
                for (int y : conts) {
                    byte[] three = {(byte) lead, (byte) x, (byte) y};
                    assertThat(Utf8.isWellFormed(three)).as("%02x %02x %02x", lead, x, y).isEqualTo(jdkAccepts(three));
                    for (int z : conts) {
                        byte[] four = {(byte) lead, (byte) x, (byte) y, (byte) z};
                        assertThat(Utf8.isWellFormed(four)).as("%02x %02x %02x %02x", lead, x, y, z).isEqualTo(jdkAccepts(four));
                    }
                }
            }
        }
    }

    @Test
    void should_accept_real_text_and_reject_random_noise_as_the_jdk_does() {
        assertThat(Utf8.isWellFormed("plain ascii, Hé, 日本語, emoji 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + random.nextInt(12)];
            random.nextBytes(b);
            assertThat(Utf8.isWellFormed(b)).isEqualTo(jdkAccepts(b));
        }
    }
}
