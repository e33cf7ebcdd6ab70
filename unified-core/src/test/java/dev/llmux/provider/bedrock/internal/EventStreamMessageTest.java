package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamMessageTest {

    @Test
    void should_keep_handed_over_headers_read_only_in_wire_order_and_equal_to_a_copied_message() {
        LinkedHashMap<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put(":event-type", "contentBlockDelta");
        headers.put(":content-type", "application/json");
        byte[] payload = "{}".getBytes();

        EventStreamMessage owned = EventStreamMessage.owning(
                new String[] {":message-type", ":event-type", ":content-type", null}, new Object[] {"event", "contentBlockDelta", "application/json", null}, 3, payload);
        EventStreamMessage copied = new EventStreamMessage(new LinkedHashMap<>(headers), payload);

        assertThat(owned.headers()).containsExactlyEntriesOf(copied.headers()).isEqualTo(copied.headers());
        assertThat(owned.headers().hashCode()).isEqualTo(copied.headers().hashCode());
        assertThat(owned.headers()).hasToString(copied.headers().toString());
        assertThat(owned.eventType()).isEqualTo("contentBlockDelta");
        assertThat(owned.headers()).hasSize(3).containsKey(":content-type").doesNotContainKey("x");
        assertThat(owned.headers().get("x")).isNull();
        assertThatThrownBy(() -> owned.headers().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> owned.headers().entrySet().iterator().next().setValue("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> owned.headers().remove(":event-type")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new EventStreamMessage(owned.headers(), payload).headers()).isSameAs(owned.headers());
        assertThat(new EventStreamMessage(Map.of("a", 1), payload).headers()).containsEntry("a", 1);
    }
}
