package dev.llmux.internal.json;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * The shared mapper's pool of Jackson buffer recyclers (a generator's or parser's working buffers), kept as
 * {@link KeptObjects}. Jackson 3's default pool is one concurrent deque: every generator and parser polls its head
 * and, when closed, links a new node at its tail, so the calling threads of concurrent requests all write the same
 * few cache lines and allocate a node per document.
 */
final class KeptRecyclers implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    private final transient KeptObjects<BufferRecycler> kept = new KeptObjects<>();

    @Override
    public BufferRecycler acquirePooled() {
        BufferRecycler recycler = kept.take();
        return recycler != null ? recycler : new BufferRecycler();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        kept.give(recycler);
    }

    @Override
    public int pooledCount() {
        return kept.size();
    }

    /** A deserialized mapper starts with an empty pool of its own. */
    private Object readResolve() {
        return new KeptRecyclers();
    }
}
