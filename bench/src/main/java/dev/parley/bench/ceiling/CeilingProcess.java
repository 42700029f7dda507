package dev.parley.bench.ceiling;

import dev.parley.infra.launcher.JvmDefaults;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link CeilingServer} in a JVM of its own, started by the bench with its own java and classpath
 * and JVM options like the launcher gives a service (G1, compact object headers on JDK 25+). Stopped on
 * close, on Ctrl-C (a shutdown hook), and — should the bench be killed outright — when its standard
 * input, held by the bench, ends.
 */
public final class CeilingProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("ceiling listening on (\\d+)(.*)");

    private final Process process;
    private final Thread stopOnExit;
    private final int port;
    private final String description;
    private final List<String> jvmOptions;

    private CeilingProcess(Process process, Thread stopOnExit, int port, String description, List<String> jvmOptions) {
        this.process = process;
        this.stopOnExit = stopOnExit;
        this.port = port;
        this.description = description;
        this.jvmOptions = jvmOptions;
    }

    /** Starts the server with {@code threads} event loops and waits (at most {@code timeout}) until it listens. */
    public static CeilingProcess start(int threads, Duration timeout) throws IOException {
        return start(threads, timeout, null);
    }

    /** The same, as W1's floor on the {@code floor}'s Kafka and PostgreSQL unless it is null ({@link CeilingServer}). */
    public static CeilingProcess start(int threads, Duration timeout, CeilingServer.Floor floor) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmOptions = new ArrayList<>(JvmDefaults.options());
        jvmOptions.addAll(List.of("-Xmx512m", "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED")); // Netty loads its native transport (io_uring or epoll)
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CeilingServer.class.getName(), "0",
                Integer.toString(threads)));
        if (floor != null) {
            command.addAll(List.of(floor.kafkaBootstrap(), floor.postgresUrl()));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread stopOnExit = new Thread(() -> stop(process), "ceiling-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        CompletableFuture<Matcher> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("ceiling-output").start(() -> readOutput(process, listening));
        try {
            Matcher line = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CeilingProcess(process, stopOnExit, Integer.parseInt(line.group(1)),
                    "plain Netty WebSocket broadcast" + line.group(2), List.copyOf(jvmOptions));
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the ceiling server did not start listening within " + timeout.toSeconds() + " s"
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()), e);
        }
    }

    public URI webSocket() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** What runs: the server, its transport and event loops, and its JVM options. */
    public String description() {
        return description + ", " + String.join(" ", jvmOptions);
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook stops it too
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Finds the listening line, then keeps reading so the server never blocks on a full pipe. */
    private static void readOutput(Process process, CompletableFuture<Matcher> listening) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                Matcher matcher = LISTENING.matcher(line.strip());
                if (matcher.matches()) {
                    listening.complete(matcher);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        listening.completeExceptionally(new IllegalStateException("the ceiling server exited with "
                + process.onExit().thenApply(Process::exitValue).getNow(null)));
    }
}
