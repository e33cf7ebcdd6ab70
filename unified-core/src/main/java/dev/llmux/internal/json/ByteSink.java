package dev.llmux.internal.json;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects one document a generator writes. A generator hands over its whole buffer at once when the document fits
 * in it (8,000 bytes), so such a document costs one array of its exact size; Jackson's {@code ByteArrayBuilder}
 * starts at 2,000 bytes and, for a 2–8 KB request, allocated a second block and a third array to join them. A
 * document written in several pieces is joined in a {@value #JOIN_BUFFER}-byte buffer taken from a few kept for the
 * process (two per core, shared by all threads, virtual ones included; what does not fit is kept as copied pieces),
 * so it costs its first piece, what overflows the buffer and its final copy.
 */
final class ByteSink extends OutputStream {

    static final int JOIN_BUFFER = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final KeptObjects<byte[]> KEPT = new KeptObjects<>();

    private byte @Nullable [] first;
    private byte @Nullable [] joined;
    private @Nullable List<byte[]> overflow;
    private int count;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return;
        }
        if (count + len < 0 || count + len > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("JSON document larger than 2 GiB");
        }
        if (joined == null) {
            if (first == null) {
                first = Arrays.copyOfRange(b, off, off + len);
                count = len;
                return;
            }
            byte[] earlier = first;
            first = null;
            joined = borrow();
            count = 0;
            append(earlier, 0, earlier.length);
        }
        append(b, off, len);
    }

    /** Into the join buffer while it has room, then as copied pieces after it. */
    private void append(byte[] b, int off, int len) {
        int fits = overflow == null ? Math.min(len, JOIN_BUFFER - count) : 0;
        if (fits > 0) {
            System.arraycopy(b, off, joined, count, fits);
        }
        if (fits < len) {
            if (overflow == null) {
                overflow = new ArrayList<>();
            }
            overflow.add(Arrays.copyOfRange(b, off + fits, off + len));
        }
        count += len;
    }

    /** What was written, the same array on every call: the one piece itself when it came in one write. */
    byte[] toByteArray() {
        if (joined == null) {
            return first == null ? EMPTY : first;
        }
        byte[] all = Arrays.copyOf(joined, count);
        if (overflow != null) {
            int at = JOIN_BUFFER;
            for (byte[] piece : overflow) {
                System.arraycopy(piece, 0, all, at, piece.length);
                at += piece.length;
            }
        }
        giveBack(joined);
        joined = null;
        overflow = null;
        first = all;
        return all;
    }

    /** A kept join buffer, taken so that no other document (one written inside this one included) joins in it. */
    private static byte[] borrow() {
        byte[] kept = KEPT.take();
        return kept != null ? kept : new byte[JOIN_BUFFER];
    }

    /** Keeps {@code buffer} for the next document, or drops it when as many are kept as there are places. */
    private static void giveBack(byte[] buffer) {
        KEPT.give(buffer);
    }
}
