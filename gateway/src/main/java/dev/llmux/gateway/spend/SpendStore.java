package dev.llmux.gateway.spend;

import java.util.List;

/** Where spend logs go. Implementations write a whole batch or nothing (a failed batch is retried whole). */
public interface SpendStore {

    void write(List<SpendLog> batch);
}
