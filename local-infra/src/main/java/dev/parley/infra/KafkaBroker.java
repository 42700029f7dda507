package dev.parley.infra;

import dev.parley.events.Topic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run
 * in-process. The log directory is formatted on first start and reused after, so data survives a
 * restart of {@code ./parley}; a test's broker keeps its log in a throw-away folder removed on close.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String OVERRIDE_PREFIX = "parley.kafka.broker.";

    private final Properties props;
    private final int port;
    private final Path logDir;
    /** A test's log directory, removed on close; null for a durable one. */
    private final Path throwAway;
    private KafkaRaftServer server;

    private KafkaBroker(Properties props, int port, Path logDir, Path throwAway) {
        this.props = props;
        this.port = port;
        this.logDir = logDir;
        this.throwAway = throwAway;
    }

    /**
     * Starts on these ports with its log in {@code dataDir}, durable (for {@code ./parley}); or, when it is null,
     * in a throw-away folder (for tests).
     */
    public static KafkaBroker start(int port, int controllerPort, Path dataDir) {
        Path logDir = dataDir != null ? dataDir : ThrowAwayFolder.create("parley-kafka");
        Properties props = brokerProperties(port, controllerPort, logDir, System.getProperties());
        format(props, logDir);
        KafkaBroker broker = new KafkaBroker(props, port, logDir, dataDir != null ? null : logDir);
        broker.restart();
        broker.createTopics(Integer.getInteger("parley.kafka.partitions", 6));
        return broker;
    }

    /** Starts the broker again on the same ports and log directory; tests use it to end an outage. */
    public synchronized void restart() {
        if (server == null) {
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
        }
    }

    /** Stops the broker, keeping its data, until {@link #restart()}: a Kafka outage. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path logDir() {
        return logDir;
    }

    /**
     * Creates every topic of the contract (§4) with its retention. Services create the topics they
     * own too; doing it here up front means no service ever waits on a topic another one owns.
     */
    public void createTopics(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = java.util.Arrays.stream(Topic.values())
                    .filter(topic -> !existing.contains(topic.topicName()))
                    .map(topic -> new NewTopic(topic.topicName(), partitions, (short) 1).configs(Map.of(
                            TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()),
                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))
                    .toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the Parley topics", e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the Parley topics", e);
        }
    }

    @Override
    public void close() {
        stop();
        if (throwAway != null) {
            ThrowAwayFolder.remove(throwAway);
        }
    }

    /**
     * The broker's settings: one node, broker and controller, sized for the small machines the local broker runs on
     * (a laptop, CI, the bench's 2-core VM); then the {@link #overrides} among the {@code system} properties, which
     * win.
     *
     * <p>Two request handlers and one network thread a listener instead of Kafka's 8 and 3, which are sized for
     * large hosts: at W1's rate a request mostly finds every handler asleep, one of them is woken for it, and on two
     * cores no more than two threads run at once anyway. W1 through the public entry, Kafka restarted for each arm,
     * three interleaved runs each on one platform: Kafka 0.148–0.160 of a core against 0.174–0.185; W3 held at
     * 3,000/s as before (docs/performance.md, tuning log, stop 77). A deployed broker keeps its own settings
     * (compose's image, Strimzi's in k8s).
     */
    static Properties brokerProperties(int port, int controllerPort, Path dataDir, Properties system) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        props.put("num.io.threads", "2");
        props.put("num.network.threads", "1");
        props.putAll(overrides(system));
        return props;
    }

    /**
     * Broker settings given as system properties {@code parley.kafka.broker.<setting>}, for experiments on the
     * local broker: {@code PARLEY_JAVA_OPTS_KAFKA="-Dparley.kafka.broker.num.io.threads=2"}.
     */
    static Properties overrides(Properties system) {
        Properties overrides = new Properties();
        system.stringPropertyNames().stream().filter(name -> name.startsWith(OVERRIDE_PREFIX))
                .forEach(name -> overrides.put(name.substring(OVERRIDE_PREFIX.length()), system.getProperty(name)));
        return overrides;
    }

    /** Formats the log directory on first use; a formatted one keeps its cluster id and data. */
    private static void format(Properties props, Path dataDir) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = Files.createTempFile("parley-kafka", ".properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "Parley local Kafka");
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", config.toString(), "--ignore-formatted"}, new PrintStream(log, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (exit != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed: " + log.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
