package dev.parley.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.Topic;
import dev.parley.events.signal.SignalEvent;
import dev.parley.events.user.UserEvent;
import dev.parley.events.user.UserRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class EventRecordsTests {

    private final EventRecords records = new EventRecords(new EventCodec());
    private final UserRegistered event = new UserRegistered(UUID.randomUUID(), "ada", "Ada", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aRecordCarriesTheEventsKeyJsonAndTheThreeContractHeaders() {
        UUID eventId = UUID.randomUUID();

        ProducerRecord<String, byte[]> record = records.record(Topic.USER_EVENTS, event, eventId);

        assertThat(record.topic()).isEqualTo("parley.user-events.v1");
        assertThat(record.key()).isEqualTo(event.userId().toString());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"username\":\"ada\"");
        assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo("UserRegistered");
        assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(eventId.toString());
        assertThat(header(record, EventHeaders.SCHEMA_VERSION)).isEqualTo("1");
    }

    @Test
    void everyRecordGetsAnEventIdOfItsOwnUnlessOneIsGiven() {
        assertThat(header(records.record(Topic.USER_EVENTS, event), EventHeaders.EVENT_ID))
                .isNotEqualTo(header(records.record(Topic.USER_EVENTS, event), EventHeaders.EVENT_ID));
    }

    @Test
    void whatWasWrittenReadsBackAsTheSameEvent() {
        assertThat(records.read(consumed(records.record(Topic.USER_EVENTS, event)), UserEvent.class)).contains(event);
    }

    @Test
    void recordsThatCanNeverBeReadAreSkipped() {
        ProducerRecord<String, byte[]> written = records.record(Topic.USER_EVENTS, event);
        byte[] json = written.value();

        assertThat(records.read(consumed(written), SignalEvent.class)).as("another topic's family").isEmpty();
        assertThat(records.read(withType("UserRenamedInV9", json), UserEvent.class)).as("an unknown type").isEmpty();
        assertThat(records.read(withType("UserRegistered", "{\"userId\":".getBytes(StandardCharsets.UTF_8)),
                UserEvent.class)).as("malformed JSON").isEmpty();
        assertThat(records.read(new ConsumerRecord<>("t", 0, 0, "k", json), UserEvent.class)).as("no type header").isEmpty();
        assertThat(records.read(withType("UserRegistered", null), UserEvent.class)).as("no value").isEmpty();
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        var consumed = new ConsumerRecord<>(record.topic(), 0, 0, record.key(), record.value());
        record.headers().forEach(header -> consumed.headers().add(header));
        return consumed;
    }

    private static ConsumerRecord<String, byte[]> withType(String type, byte[] value) {
        var record = new ConsumerRecord<String, byte[]>("t", 0, 0, "k", value);
        record.headers().add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
