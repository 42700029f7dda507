package dev.parley.infra.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.infra.PostgresServer;
import dev.parley.infra.ProcessLiveness;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL and Redis started as {@code ./parley} starts them, crashed with SIGKILL, and started again. */
class KillAndRestartTests {

    @TempDir
    static Path home;

    private static Platform platform;

    @BeforeAll
    static void startTheInfrastructure() {
        platform = new Platform(PlatformLayout.onFreePorts(home, home, System.getProperty("java.class.path")),
                line -> System.out.println("[platform] " + line));
    }

    @AfterAll
    static void stopIt() {
        platform.stop();
    }

    @BeforeEach
    void postgresAndRedisRun() {
        for (Component component : List.of(Component.POSTGRES, Component.REDIS)) {
            if (!platform.running().contains(component)) {
                platform.start(component);
            }
        }
    }

    @Test
    void killingPostgresCrashesItsServerAndAStartRecoversTheCommittedRows() throws Exception {
        try (Connection connection = connect()) {
            connection.createStatement().execute("create table if not exists crash_test (v text)");
            connection.createStatement().execute("insert into crash_test values ('committed before the crash')");
        }
        ProcessHandle wrapper = platform.processes().get("postgres");
        ProcessHandle postmaster = platform.server(Component.POSTGRES).orElseThrow();
        List<ProcessHandle> backends;
        try (Connection open = connect()) {
            backends = postmaster.descendants().toList();
            long killing = System.nanoTime();
            platform.kill(Component.POSTGRES);
            System.out.printf("kill postgres took %.2f s%n", (System.nanoTime() - killing) / 1e9);
        }

        assertThat(backends).isNotEmpty();
        assertThat(List.of(wrapper, postmaster)).noneMatch(ProcessLiveness::isRunning);
        assertThat(backends).noneMatch(ProcessLiveness::isRunning);
        assertThat(portFree(platform.layout().port(Component.POSTGRES))).isTrue();
        assertThat(platform.running()).doesNotContain(Component.POSTGRES);

        // what the killed wrapper left in its temporary folder goes with the next start (PlatformLayout.tempDir)
        Path temp = platform.layout().tempDir("postgres");
        Path leftBehind = Files.writeString(temp.resolve("left-by-the-killed-wrapper"), "");
        long logOffset = Files.size(platform.layout().logFile(Component.POSTGRES));
        long starting = System.nanoTime();
        platform.start(Component.POSTGRES);
        System.out.printf("start postgres after the crash took %.2f s%n", (System.nanoTime() - starting) / 1e9);
        // "was not properly shut down; automatic recovery in progress": no shutdown ran, the WAL was replayed
        assertThat(Files.readString(platform.layout().logFile(Component.POSTGRES)).substring((int) logOffset))
                .contains("automatic recovery in progress");
        try (Connection connection = connect();
             ResultSet rows = connection.createStatement().executeQuery("select v from crash_test")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("committed before the crash");
        }
        assertThat(leftBehind).doesNotExist();
        // ProcessHandle.Info has no arguments for a command line this long (the class path): the kernel's copy
        long wrapperPid = platform.processes().get("postgres").pid();
        assertThat(Files.readString(Path.of("/proc", Long.toString(wrapperPid), "cmdline")).split("\0"))
                .contains("-Djava.io.tmpdir=" + temp);
    }

    /**
     * ADR 0044: the launcher's environment reaches the server, not only its wrapper. Read off the postmaster, whose
     * backends are forked from it with the same environment (theirs is not readable: a backend writes its process title
     * over the memory the kernel shows as its environment).
     */
    @Test
    void thePostgresServerRunsWithTheAllocatorEnvironment() throws Exception {
        ProcessHandle postmaster = platform.server(Component.POSTGRES).orElseThrow();
        List<String> environment = List.of(Files.readString(Path.of("/proc", Long.toString(postmaster.pid()), "environ"))
                .split("\0"));
        PostgresServer.ALLOCATOR_ENVIRONMENT.forEach((name, value) -> assertThat(environment).contains(name + "=" + value));
    }

    @Test
    void aPostgresServerKilledByAnyoneTakesItsWrapperDownAndStartsAgain() throws Exception {
        ProcessHandle wrapper = platform.processes().get("postgres");
        ProcessHandle postmaster = platform.server(Component.POSTGRES).orElseThrow();
        assertThat(platform.status()).anyMatch(line -> line.startsWith("postgres")
                && line.contains("server pid " + postmaster.pid()));

        postmaster.destroyForcibly();
        long killed = System.nanoTime();
        wrapper.onExit().get(5, TimeUnit.SECONDS);
        double exitedAfter = (System.nanoTime() - killed) / 1e9;
        System.out.printf("the postgres wrapper exited %.2f s after its server%n", exitedAfter);
        assertThat(exitedAfter).isLessThan(2.0);
        assertThat(platform.running()).doesNotContain(Component.POSTGRES);

        platform.start(Component.POSTGRES);
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery("select 1")) {
            assertThat(rows.next()).isTrue();
        }
    }

    @Test
    void stoppingPostgresStopsItsServerEvenWhenItsWrapperWasKilled() throws Exception {
        ProcessHandle postmaster = platform.server(Component.POSTGRES).orElseThrow();
        ProcessHandle wrapper = platform.processes().get("postgres");
        wrapper.destroyForcibly();
        wrapper.onExit().get(30, TimeUnit.SECONDS);

        assertThat(ProcessLiveness.isRunning(postmaster)).isTrue();
        assertThat(platform.running()).contains(Component.POSTGRES);
        assertThat(platform.status()).anyMatch(line -> line.startsWith("postgres") && line.contains("orphaned"));
        assertThatThrownBy(() -> platform.start(Component.POSTGRES)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./parley stop postgres");

        platform.stop(Component.POSTGRES);
        assertThat(ProcessLiveness.isRunning(postmaster)).isFalse();
        assertThat(portFree(platform.layout().port(Component.POSTGRES))).isTrue();
        assertThat(platform.running()).doesNotContain(Component.POSTGRES);
    }

    @Test
    void killingRedisTakesItsServerDownAndAStartServesItsPortAgain() throws Exception {
        ProcessHandle server = platform.server(Component.REDIS).orElseThrow();

        platform.kill(Component.REDIS);
        assertThat(ProcessLiveness.isRunning(server)).isFalse();
        assertThat(portFree(platform.layout().port(Component.REDIS))).isTrue();

        platform.start(Component.REDIS);
        assertThat(ping()).isEqualTo("+PONG");
    }

    @Test
    void aRedisServerKilledByAnyoneTakesItsWrapperDown() throws Exception {
        ProcessHandle wrapper = platform.processes().get("redis");

        platform.server(Component.REDIS).orElseThrow().destroyForcibly();
        wrapper.onExit().get(5, TimeUnit.SECONDS);
        assertThat(platform.running()).doesNotContain(Component.REDIS);

        platform.start(Component.REDIS);
        assertThat(ping()).isEqualTo("+PONG");
    }

    @Test
    void aFrozenRedisKeepsItsPortAndAnswersNothingUntilItIsThawed() throws Exception {
        ProcessHandle server = platform.server(Component.REDIS).orElseThrow();

        platform.freeze(Component.REDIS);
        try {
            assertThat(ProcessLiveness.isStopped(server)).isTrue();
            try (Socket socket = new Socket("127.0.0.1", platform.layout().port(Component.REDIS))) {
                socket.setSoTimeout(500);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

                platform.thaw(Component.REDIS);
                socket.setSoTimeout(5_000);
                assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine()).isEqualTo("+PONG");
            }
        } finally {
            platform.thaw(Component.REDIS);
        }
        assertThat(ProcessLiveness.isStopped(server)).isFalse();
        assertThat(platform.running()).contains(Component.REDIS);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + platform.layout().port(Component.POSTGRES)
                + "/messages", "postgres", "");
    }

    private static String ping() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", platform.layout().port(Component.REDIS))) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    /** Free within 5 s: the kernel releases a killed server's listening socket just after the process is gone. */
    private static boolean portFree(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        } while (System.nanoTime() - deadline < 0);
        return false;
    }
}
