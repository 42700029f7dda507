package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.events.Topic;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfrastructureTests {

    private final Infrastructure infra = Infrastructure.shared();

    @Test
    void kafkaBrokerHasEveryContractTopicWithItsRetention() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (Topic topic : Topic.values()) {
                assertThat(names).contains(topic.topicName());
            }
            for (Topic topic : Topic.values()) {
                var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName());
                var config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("retention.ms").value()).as(topic.topicName())
                        .isEqualTo(String.valueOf(topic.retentionMs()));
                assertThat(config.get("cleanup.policy").value()).as(topic.topicName()).isEqualTo("delete");
            }
            TopicDescription commands = admin.describeTopics(List.of(Topic.MESSAGE_COMMANDS.topicName()))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(Topic.MESSAGE_COMMANDS.topicName());
            assertThat(commands.partitions()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void kafkaRoundTripsARecord() {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(producerProps)) {
            producer.send(new ProducerRecord<>(Topic.SIGNALS.topicName(), "room-1", "ping")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(consumerProps)) {
            consumer.subscribe(List.of(Topic.SIGNALS.topicName()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    if (record.key().equals("room-1")) {
                        assertThat(record.value()).isEqualTo("ping");
                        return;
                    }
                }
            }
            throw new AssertionError("record never arrived");
        }
    }

    @Test
    void postgresCreatesSeparateDatabases() throws Exception {
        infra.postgres().createDatabase("infra_test");
        infra.postgres().createDatabase("infra_test");
        try (Connection connection = DriverManager.getConnection(
                infra.postgres().jdbcUrl("infra_test"), infra.postgres().username(), "");
             ResultSet rows = connection.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("infra_test");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void postgresCreatesWalSegmentsWithoutFillingThemWithZeros() throws Exception {
        // ADR 0034: the fill held every commit while it was written and synced
        try (Connection connection = DriverManager.getConnection(
                infra.postgres().jdbcUrl("postgres"), infra.postgres().username(), "");
             ResultSet rows = connection.createStatement().executeQuery("select current_setting('wal_init_zero')")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("off");
        }
    }

    @Test
    void postgresKeepsItsDataAcrossAnOutage() throws Exception {
        infra.postgres().createDatabase("outage_test");
        String url = infra.postgres().jdbcUrl("outage_test");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            connection.createStatement().execute("create table kept (v int); insert into kept values (42)");
        }
        infra.postgres().stop();
        try {
            assertThat(infra.postgres().isRunning()).isFalse();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            infra.postgres().restart();
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet rows = connection.createStatement().executeQuery("select v from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void kafkaComesBackAfterAnOutage() {
        infra.kafka().stop();
        try {
            assertThat(infra.kafka().isRunning()).isFalse();
        } finally {
            infra.kafka().restart();
        }
        kafkaRoundTripsARecord();
    }

    @Test
    void aBrokerStartedAgainOnItsDirectoryKeepsItsTopicsAndRecords(@TempDir java.nio.file.Path dir) throws Exception {
        int[] ports = FreePorts.distinct(2);
        int port = ports[0];
        int controller = ports[1];
        try (KafkaBroker first = KafkaBroker.start(port, controller, dir)) {
            produce(first.bootstrapServers(), "kept");
        }
        try (KafkaBroker second = KafkaBroker.start(port, controller, dir)) {
            assertThat(readAll(second.bootstrapServers())).contains("kept");
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(props)) {
            producer.send(new ProducerRecord<>(Topic.USER_EVENTS.topicName(), "k", value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> values = new java.util.ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(props)) {
            var partitions = consumer.partitionsFor(Topic.USER_EVENTS.topicName()).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    @Test
    void redisComesBackAfterAnOutage() throws Exception {
        infra.redis().stop();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", infra.redis().port()).close())
                    .isInstanceOf(java.io.IOException.class);
        } finally {
            infra.redis().restart();
        }
        redisAnswersPing();
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", infra.redis().port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }
}
