package dev.parley.gateway.ws.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import dev.parley.events.signal.Typing;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.platform.kafka.EventRecords;
import dev.parley.platform.kafka.RecordTraces;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * An event loop hands a send to the producer only when {@code send()} cannot wait (ADR 0024): the producer must
 * know the topic's partitions, which an acknowledgement from the broker shows, topic by topic.
 */
class EventPublisherTests extends GatewayIntegrationTest {

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventRecords records;

    @Autowired
    RecordTraces traces;

    @Test
    void aTopicIsTakenWithoutWaitingOnlyOnceTheBrokerAcknowledgedOneOfItsRecords() throws Exception {
        EventPublisher publisher = new EventPublisher(kafka, records, traces);
        assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).as("nothing acknowledged yet").isFalse();

        publisher.publish(Topic.SIGNALS, new Typing(UUID.randomUUID(), UUID.randomUUID(), "gw-test", "session-1",
                Instant.now())).get(10, TimeUnit.SECONDS);

        assertThat(publisher.publishesWithoutWaiting(Topic.SIGNALS)).isTrue();
        assertThat(publisher.publishesWithoutWaiting(Topic.MESSAGE_COMMANDS)).as("another topic").isFalse();
    }
}
