package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

    @Test
    void should_write_what_jackson_writes_for_documents_below_at_and_above_one_generator_buffer() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 1_999, 2_001, 7_990, 8_000, 8_010, 16_001, 100_000}) {
            Map<String, Object> document = new LinkedHashMap<>();
            List<String> texts = new ArrayList<>();
            StringBuilder all = new StringBuilder();
            while (all.length() < size) {
                String text = "é\"\n\u2028 word " + random.nextInt(1_000_000);
                texts.add(text);
                all.append(text);
            }
            document.put("texts", texts);
            document.put("n", size);
            assertThat(Json.write(document)).as("size %d", size).isEqualTo(Json.MAPPER.writeValueAsBytes(document));
        }
    }

    @Test
    void should_hand_back_the_one_piece_written_without_another_copy() {
        ByteSink sink = new ByteSink();
        sink.write(new byte[] {9, 1, 2, 3, 9}, 1, 3);
        byte[] first = sink.toByteArray();
        assertThat(first).containsExactly(1, 2, 3);
        assertThat(sink.toByteArray()).isSameAs(first);
    }

    @Test
    void should_join_pieces_and_single_bytes_in_order() {
        ByteSink sink = new ByteSink();
        assertThat(sink.toByteArray()).isEmpty();
        sink.write(new byte[] {1, 2}, 0, 2);
        sink.write(new byte[0], 0, 0);
        sink.write(3);
        sink.write(new byte[] {4, 5, 6}, 1, 2);
        assertThat(sink.toByteArray()).containsExactly(1, 2, 3, 5, 6);
    }

    @Test
    void should_never_hand_out_the_buffer_it_joins_pieces_in() {
        byte[] a = twoPieces((byte) 1);
        byte[] b = twoPieces((byte) 2); // joined in the buffer the first document gave back
        assertThat(a).hasSize(9_000).containsOnly(1);
        assertThat(b).hasSize(9_000).containsOnly(2);
    }

    @Test
    void should_join_a_document_written_while_another_is_being_joined() {
        ByteSink outer = new ByteSink();
        outer.write(filled(8_000, (byte) 1), 0, 8_000);
        outer.write(filled(10, (byte) 1), 0, 10); // outer holds a kept buffer now
        byte[] inner = twoPieces((byte) 2);
        outer.write(filled(10, (byte) 1), 0, 10);
        assertThat(outer.toByteArray()).hasSize(8_020).containsOnly(1);
        assertThat(inner).hasSize(9_000).containsOnly(2);
    }

    @Test
    void should_grow_past_a_kept_buffer() {
        ByteSink sink = new ByteSink();
        for (int i = 0; i < 40; i++) {
            sink.write(filled(8_000, (byte) i), 0, 8_000);
        }
        byte[] all = sink.toByteArray();
        assertThat(all).hasSize(320_000);
        assertThat(all[0]).isEqualTo((byte) 0);
        assertThat(all[319_999]).isEqualTo((byte) 39);
        assertThat(sink.toByteArray()).isSameAs(all);
        assertThat(twoPieces((byte) 3)).hasSize(9_000).containsOnly(3);

        ByteSink large = new ByteSink();
        large.write(filled(70_000, (byte) 4), 0, 70_000);
        large.write(filled(10, (byte) 5), 0, 10);
        byte[] joined = large.toByteArray();
        assertThat(Arrays.copyOf(joined, 70_000)).containsOnly(4);
        assertThat(Arrays.copyOfRange(joined, 70_000, 70_010)).containsOnly(5);
    }

    @Test
    void should_give_each_of_many_threads_a_buffer_of_its_own() throws Exception {
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int t = 0; t < 8; t++) {
                byte value = (byte) (t + 10);
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] b = twoPieces(value);
                        for (byte x : b) {
                            if (x != value) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (var r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] twoPieces(byte value) {
        ByteSink sink = new ByteSink();
        sink.write(filled(8_000, value), 0, 8_000);
        sink.write(filled(1_000, value), 0, 1_000);
        return sink.toByteArray();
    }

    private static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }

    @Test
    void should_refuse_a_range_outside_the_array() {
        ByteSink sink = new ByteSink();
        assertThatThrownBy(() -> sink.write(new byte[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(sink.toByteArray()).isEmpty();
    }

    @Test
    void should_write_nested_values_as_data_binding_does() {
        Map<String, Object> nested = Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string")));
        byte[] generated = Json.generate(g -> {
            g.writeStartObject();
            g.writeName("schema");
            Json.writeNested(g, nested);
            g.writeName("again");
            Json.writeNested(g, nested);
            g.writeEndObject();
        });
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("schema", nested);
        expected.put("again", nested);
        assertThat(generated).isEqualTo(Json.MAPPER.writeValueAsBytes(expected));
    }
}
