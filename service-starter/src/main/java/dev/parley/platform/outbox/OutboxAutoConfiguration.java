package dev.parley.platform.outbox;

import dev.parley.events.EventCodec;
import dev.parley.platform.kafka.RecordTraces;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link EventOutbox} for every service with a database and a Kafka producer of
 * {@code KafkaTemplate<String, byte[]>} (string keys, the {@code EventCodec} JSON as bytes).
 * {@code parley.outbox.enabled=false} turns it off.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@ConditionalOnClass({JdbcClient.class, KafkaTemplate.class})
@ConditionalOnBean({DataSource.class, JdbcClient.class, KafkaTemplate.class, PlatformTransactionManager.class})
@ConditionalOnBooleanProperty(name = "parley.outbox.enabled", matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxRelay eventOutboxRelay(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka,
                                 PlatformTransactionManager transactionManager, OutboxProperties properties,
                                 ObjectProvider<RecordTraces> traces) {
        var publisher = new OutboxBatchPublisher(jdbc, kafka, new TransactionTemplate(transactionManager), properties,
                traces.getIfAvailable(() -> RecordTraces.NONE));
        return new OutboxRelay(publisher, jdbc, properties);
    }

    @Bean
    OutboxBacklog eventOutboxBacklog(JdbcClient jdbc) {
        return new OutboxBacklog(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    EventOutbox eventOutbox(EventCodec codec, JdbcClient jdbc, OutboxRelay eventOutboxRelay,
                            ObjectProvider<RecordTraces> traces) {
        return new EventOutbox(codec, jdbc, eventOutboxRelay, traces.getIfAvailable(() -> RecordTraces.NONE));
    }
}
