package dev.parley.system;

import dev.parley.infra.launcher.Platform;
import dev.parley.infra.launcher.PlatformLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One platform per test JVM, started exactly as {@code ./parley up} starts it, on free ports. */
final class RunningPlatform {

    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            Path module = Path.of("").toAbsolutePath();
            try {
                Path home = Files.createTempDirectory(Files.createDirectories(module.resolve("target")), "parley-");
                platform = new Platform(PlatformLayout.onFreePorts(module.getParent(), home,
                        System.getProperty("java.class.path")), line -> System.out.println("[platform] " + line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
            platform.start();
        }
        return platform;
    }
}
