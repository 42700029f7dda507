package dev.parley.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.events.Topic;
import dev.parley.events.user.UserRegistered;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.PostgresServer;
import dev.parley.platform.kafka.EventRecordsConfiguration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** When the outbox is configured; that it works is {@link OutboxTests}' part. */
class OutboxAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EventRecordsConfiguration.class, OutboxAutoConfiguration.class))
            .withUserConfiguration(Database.class);

    @Test
    void aServiceWithoutAKafkaTemplateGetsNoOutbox() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EventOutbox.class));
    }

    @Test
    void theOutboxCanBeSwitchedOff() {
        runner.withUserConfiguration(Kafka.class).withPropertyValues("parley.outbox.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EventOutbox.class));
    }

    @Test
    void aServiceWhoseDatabaseHasNoOutboxTableStartsAndAnAppendFailsLoudly() {
        PostgresServer postgres = Infrastructure.shared().postgres();
        postgres.createDatabase("no_outbox");
        runner.withUserConfiguration(Kafka.class)
                .withPropertyValues("test.jdbc-url=" + postgres.jdbcUrl("no_outbox"), "test.user=" + postgres.username())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(EventOutbox.class);
                    var transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
                    var event = new UserRegistered(UUID.randomUUID(), "nobody", "Nobody", Instant.now());

                    assertThatThrownBy(() -> transactions.executeWithoutResult(status ->
                            context.getBean(EventOutbox.class).append(Topic.USER_EVENTS, event)))
                            .isInstanceOf(DataAccessException.class).hasMessageContaining("event_outbox");
                });
    }

    /** By default a database nobody can reach: contexts without an outbox must never connect to it. */
    @Configuration(proxyBeanMethods = false)
    static class Database {

        @Bean
        DataSource dataSource(@Value("${test.jdbc-url:jdbc:postgresql://127.0.0.1:1/none}") String url,
                              @Value("${test.user:postgres}") String user) {
            return new DriverManagerDataSource(url, user, "");
        }

        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            return JdbcClient.create(dataSource);
        }

        @Bean
        DataSourceTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Kafka {

        @Bean
        KafkaTemplate<String, byte[]> kafkaTemplate() {
            return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        }
    }
}
