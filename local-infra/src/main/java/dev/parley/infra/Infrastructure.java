package dev.parley.infra;

/**
 * Kafka, PostgreSQL and Redis for integration tests: started once per test JVM on random free
 * ports, stopped when the JVM exits. All three are the real servers, never mocks.
 */
public final class Infrastructure {

    private static Infrastructure shared;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final RedisServer redis;

    private Infrastructure(KafkaBroker kafka, PostgresServer postgres, RedisServer redis) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "parley-infra-stop"));
        }
        return shared;
    }

    /** Each keeps what it writes (data, an unpacked binary) in a throw-away folder, removed when it stops. */
    private static Infrastructure start() {
        PostgresServer postgres = PostgresServer.start(FreePorts.next(), null);
        RedisServer redis = RedisServer.start(FreePorts.next(), null);
        int[] kafkaPorts = FreePorts.distinct(2); // broker and controller
        KafkaBroker kafka = KafkaBroker.start(kafkaPorts[0], kafkaPorts[1], null);
        return new Infrastructure(kafka, postgres, redis);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * The broker itself, for outage tests: {@code stop()} then {@code restart()} in a finally block,
     * since every test class of the JVM shares it. Likewise {@link #postgres()} and {@link #redis()}.
     */
    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public RedisServer redis() {
        return redis;
    }

    private void stop() {
        closeQuietly(kafka);
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // the JVM is exiting; a component that fails to stop must not hide the others
        }
    }
}
