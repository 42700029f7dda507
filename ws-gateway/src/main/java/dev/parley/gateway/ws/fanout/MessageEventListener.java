package dev.parley.gateway.ws.fanout;

import dev.parley.events.EventCodec;
import dev.parley.events.EventHeaders;
import dev.parley.events.UnknownEventTypeException;
import dev.parley.events.message.MessageEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Thin: decodes a message event and hands it to the fan-out; unknown types are skipped. */
@Component
class MessageEventListener {

    private static final Logger log = LoggerFactory.getLogger(MessageEventListener.class);

    private final EventCodec codec;
    private final MessageFanout fanout;

    MessageEventListener(EventCodec codec, MessageFanout fanout) {
        this.codec = codec;
        this.fanout = fanout;
    }

    @KafkaListener(topics = "#{T(dev.parley.events.Topic).MESSAGE_EVENTS.topicName()}",
            containerFactory = FanoutConfiguration.CONTAINER_FACTORY)
    void on(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            log.warn("Skipping a record without eventType at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            fanout.dispatch(codec.decode(new String(type.value(), StandardCharsets.UTF_8), record.value(), MessageEvent.class));
        } catch (UnknownEventTypeException e) {
            log.debug("Skipping: {}", e.getMessage());
        }
    }
}
