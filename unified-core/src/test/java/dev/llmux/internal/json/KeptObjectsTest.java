package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;

class KeptObjectsTest {

    @Test
    void should_hand_back_what_was_given_and_nothing_when_empty() {
        KeptObjects<Object> kept = new KeptObjects<>(3);
        assertThat(kept.take()).isNull();
        Object a = new Object();
        kept.give(a);
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.take()).isSameAs(a);
        assertThat(kept.take()).isNull();
    }

    @Test
    void should_keep_no_more_than_its_places_and_drop_the_rest() {
        KeptObjects<Object> kept = new KeptObjects<>(2);
        for (int i = 0; i < 5; i++) {
            kept.give(new Object());
        }
        assertThat(kept.size()).isEqualTo(2);
        assertThat(kept.take()).isNotNull();
        assertThat(kept.take()).isNotNull();
        assertThat(kept.take()).isNull();
    }

    @Test
    void should_name_a_bad_place_count() {
        assertThatThrownBy(() -> new KeptObjects<>(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    }

    @Test
    void should_never_hand_one_object_to_two_holders_at_once() throws Exception {
        KeptObjects<Object> kept = new KeptObjects<>(2);
        for (int i = 0; i < 2; i++) {
            kept.give(new Object());
        }
        Set<Object> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        AtomicReference<String> clash = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 50_000; i++) {
                    Object o = kept.take();
                    if (o == null) {
                        continue;
                    }
                    if (!held.add(o)) {
                        clash.set("an object was held twice");
                    }
                    held.remove(o);
                    kept.give(o);
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(clash.get()).isNull();
        assertThat(kept.size()).isEqualTo(2);
    }

    @Test
    void should_back_the_shared_mapper_with_kept_recyclers() {
        assertThat(Json.MAPPER.tokenStreamFactory()._getRecyclerPool()).isInstanceOf(KeptRecyclers.class);
    }

    @Test
    void should_take_a_released_recycler_back_and_hand_it_out_again() {
        KeptRecyclers pool = new KeptRecyclers();
        BufferRecycler first = pool.acquireAndLinkPooled(); // none kept yet: a new one
        assertThat(pool.pooledCount()).isZero();
        first.releaseToPool();
        assertThat(pool.pooledCount()).isEqualTo(1);
        assertThat(pool.acquireAndLinkPooled()).isSameAs(first);
    }
}
