package dev.parley.deployment.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An image's entrypoint run the way a container runtime runs it, without one: in its own root file
 * system (chroot), its own PID and mount namespaces with {@code /proc} and {@code /dev}, as the image's
 * user, with nothing of the host's environment but what the image and the caller set. The network is
 * the host's, so the process reaches loopback servers and answers on loopback. Needs root.
 */
final class ContainerRun implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ContainerRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static boolean possibleHere() {
        return "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/unshare")) && Files.isExecutable(Path.of("/usr/sbin/chroot"));
    }

    /** The image's entrypoint. */
    static ContainerRun start(OciImage image, Path rootfs, Map<String, String> environment, Path log) throws IOException {
        return start(image, rootfs, image.entrypoint(), environment, log);
    }

    /** Another command in the same image, as a healthcheck runs one (a separate process). */
    static ContainerRun start(OciImage image, Path rootfs, List<String> arguments, Map<String, String> environment,
            Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child",
                "/bin/bash", "-c", """
                        /bin/mount -t proc proc "$0/proc" && /bin/mount --rbind /dev "$0/dev" \
                          && user="$1" && shift && exec /usr/sbin/chroot --userspec="$user" "$0" "$@"
                        """, rootfs.toString(), image.user()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.environment());
        builder.environment().putAll(environment);
        return new ContainerRun(builder.start(), log);
    }

    /** Waits for the process to end and answers its exit code. */
    int exitCode(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The host's pid of the container's JVM. */
    java.util.Optional<Long> javaProcess() {
        return process.descendants()
                .filter(child -> child.info().command().filter(command -> command.endsWith("/java")).isPresent())
                .map(ProcessHandle::pid)
                .findFirst();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
