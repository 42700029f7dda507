package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A test's servers leave nothing behind in the temporary directory once they close. */
class ThrowAwayFolderTests {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void aTestBrokerRemovesItsLogFolderWhenItCloses() {
        int[] ports = FreePorts.distinct(2);
        Path logDir;
        try (KafkaBroker broker = KafkaBroker.start(ports[0], ports[1], null)) {
            logDir = broker.logDir();
            assertThat(logDir).startsWith(TEMP);
            assertThat(logDir.resolve("meta.properties")).exists();
        }
        assertThat(logDir).doesNotExist();
    }

    @Test
    void aTestDatabaseRemovesItsDataFolderWhenItCloses() {
        Path dataDir;
        try (PostgresServer postgres = PostgresServer.start(FreePorts.next(), null)) {
            dataDir = postgres.dataDir();
            assertThat(dataDir).startsWith(TEMP);
            assertThat(dataDir.resolve("PG_VERSION")).exists();
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void redisKeepsNoConfigurationFileAcrossRestartsAndRemovesItsBinaryWhenItCloses() throws Exception {
        int port = FreePorts.next();
        Path binaryFolder;
        try (RedisServer redis = RedisServer.start(port, null)) {
            binaryFolder = redis.binaryFolder();
            assertThat(binaryFolder).startsWith(TEMP).isNotEmptyDirectory();
            assertThat(configurationFiles(port)).isEmpty();
            redis.stop();
            redis.restart();
            assertThat(redis.isRunning()).isTrue();
            assertThat(configurationFiles(port)).isEmpty();
        }
        assertThat(binaryFolder).doesNotExist();
    }

    /** The files embedded-redis writes for a server's command line, named after its port. */
    private static List<Path> configurationFiles(int port) throws Exception {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(file -> file.getFileName().toString().startsWith("embedded-redis-server_" + port))
                    .toList();
        }
    }
}
