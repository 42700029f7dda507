package dev.parley.infra.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line and environment each component is started with. */
final class ProcessCommands {

    private final PlatformLayout layout;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    ProcessCommands(PlatformLayout layout) {
        this.layout = layout;
    }

    List<String> command(Component component) {
        List<String> command = new ArrayList<>(List.of(java, "-XX:+ExitOnOutOfMemoryError"));
        String data = layout.dataDir(component).toString();
        String port = Integer.toString(layout.port(component));
        switch (component) {
            case KAFKA -> command.addAll(List.of("-Xmx768m", "-cp", layout.infraClasspath(),
                    "dev.parley.infra.InfraMain", "kafka", port, Integer.toString(layout.kafkaControllerPort()), data));
            case POSTGRES -> {
                command.addAll(List.of("-Xmx64m", "-cp", layout.infraClasspath(), "dev.parley.infra.InfraMain",
                        "postgres", port, data));
                command.addAll(Component.DATABASES);
            }
            case REDIS -> command.addAll(List.of("-Xmx64m", "-cp", layout.infraClasspath(),
                    "dev.parley.infra.InfraMain", "redis", port, data));
            default -> command.addAll(List.of("-Xms64m", "-Xmx384m", "-jar", layout.serviceJar(component).toString()));
        }
        return command;
    }

    /** The same variable names every service reads (docs/service-conventions.md). */
    Map<String, String> environment(Component component) {
        String postgres = "jdbc:postgresql://127.0.0.1:" + layout.port(Component.POSTGRES) + "/";
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "SERVER_PORT", Integer.toString(layout.port(component)),
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + layout.port(Component.KAFKA),
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", Integer.toString(layout.port(Component.REDIS)),
                "PARLEY_ISSUER", layout.publicUrl(),
                "PARLEY_JWKS_URI", layout.serviceUrl(Component.AUTH_SERVICE) + "/.well-known/jwks.json",
                "AUTH_SERVICE_URL", layout.serviceUrl(Component.AUTH_SERVICE),
                "ROOM_SERVICE_URL", layout.serviceUrl(Component.ROOM_SERVICE),
                "MESSAGE_SERVICE_URL", layout.serviceUrl(Component.MESSAGE_SERVICE),
                "WS_GATEWAY_URL", "ws://127.0.0.1:" + layout.port(Component.WS_GATEWAY)));
        env.put("WS_GATEWAY_HTTP_URL", layout.serviceUrl(Component.WS_GATEWAY));
        switch (component) {
            case AUTH_SERVICE -> env.put("DB_URL", postgres + "auth");
            case ROOM_SERVICE -> env.put("DB_URL", postgres + "rooms");
            case MESSAGE_SERVICE -> env.put("DB_URL", postgres + "messages");
            default -> { }
        }
        return env;
    }
}
