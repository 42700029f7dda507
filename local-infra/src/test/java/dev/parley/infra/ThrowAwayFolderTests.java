package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void foldersOfAProcessThatIsGoneAreRemovedOthersKept(@TempDir Path parent) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path leftBehind = Files.createDirectories(parent.resolve("parley-redis" + gone.pid() + "-1").resolve("bin"));
        Path ours = Files.createDirectory(parent.resolve("parley-redis" + ProcessHandle.current().pid() + "-2"));
        Path notNamedByUs = Files.createDirectory(parent.resolve("parley-redis5726911991904475330"));
        Path otherKind = Files.createDirectory(parent.resolve("parley-kafka" + gone.pid() + "-3"));

        ThrowAwayFolder.removeLeftBehind(parent, "parley-redis");

        assertThat(leftBehind.getParent()).doesNotExist();
        assertThat(ours).exists();
        assertThat(notNamedByUs).exists();
        assertThat(otherKind).exists();
    }

    @Test
    void theOwnerIsTheProcessIdBeforeTheDash() {
        assertThat(ThrowAwayFolder.owner("parley-pg4242-98765", "parley-pg")).contains(4242L);
        assertThat(ThrowAwayFolder.owner("parley-pg98765", "parley-pg")).isEmpty();
        assertThat(ThrowAwayFolder.owner("parley-pg-98765", "parley-pg")).isEmpty();
        assertThat(ThrowAwayFolder.owner("parley-pgx1-2", "parley-pg")).isEmpty();
    }

    /** The files embedded-redis writes for a server's command line, named after its port. */
    private static List<Path> configurationFiles(int port) throws Exception {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(file -> file.getFileName().toString().startsWith("embedded-redis-server_" + port))
                    .toList();
        }
    }
}
