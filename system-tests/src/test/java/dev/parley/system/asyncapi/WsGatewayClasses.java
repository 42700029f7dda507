package dev.parley.system.asyncapi;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ws-gateway's compiled classes, loaded from its module's target/classes. Not a dependency because there
 * is no jar of them: ws-gateway is a runnable service, so the root pom's boot-service profile repackages
 * its jar in place (classes under BOOT-INF/classes, no plain jar beside it), and system-tests depends on it
 * as {@code <type>pom</type>} only so the reactor builds it first. What those classes use (common-events,
 * spring-websocket, Jackson) is a test dependency of system-tests, found through the parent loader.
 */
final class WsGatewayClasses {

    private static final Path CLASSES = Path.of("").toAbsolutePath().resolveSibling("ws-gateway/target/classes");

    private WsGatewayClasses() {
    }

    static ClassLoader loader() {
        if (!Files.exists(CLASSES.resolve("dev/parley/gateway/ws/protocol/ServerFrame.class"))) {
            throw new IllegalStateException("ws-gateway's compiled classes are not in " + CLASSES
                    + ": build ws-gateway first");
        }
        try {
            return new URLClassLoader(new URL[] {CLASSES.toUri().toURL()}, WsGatewayClasses.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
