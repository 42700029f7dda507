package dev.parley.message.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoredSendTests {

    private final UUID storing = UUID.randomUUID();

    @Test
    void anotherCommandWithTheKeyResendsTheMessage() {
        assertThat(new StoredSend(message(), storing).isResentBy(UUID.randomUUID())).isTrue();
    }

    @Test
    void theCommandThatStoredItDeliveredAgainIsNoResend() {
        assertThat(new StoredSend(message(), storing).isResentBy(storing)).isFalse();
    }

    @Test
    void aMessageStoredBeforeItsCommandWasKeptIsAnsweredAsARedelivery() {
        assertThat(new StoredSend(message(), null).isResentBy(UUID.randomUUID())).isFalse();
    }

    private static MessageView message() {
        return new MessageView(UUID.randomUUID(), UUID.randomUUID(), 1, UUID.randomUUID(), "c-1", "hello",
                Instant.now(), null, false, null, 0, null, List.of(), List.of(), List.of());
    }
}
