package dev.parley.platform.kafka;

import dev.parley.events.EventCodec;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The service's one {@link EventCodec} and the {@link EventRecords} built on it. */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.kafka.clients.producer.ProducerRecord")
public class EventRecordsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    EventRecords eventRecords(EventCodec codec) {
        return new EventRecords(codec);
    }
}
