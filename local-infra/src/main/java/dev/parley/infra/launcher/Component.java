package dev.parley.infra.launcher;

import java.util.List;

/** Everything {@code ./parley up} starts, in the order it starts them (infrastructure first). */
public enum Component {
    KAFKA("kafka", 9092, false),
    POSTGRES("postgres", 5432, false),
    REDIS("redis", 6379, false),
    /** message-service's recent-history cache's own Redis, which may evict anything (docs/adr/0028). */
    HISTORY_CACHE_REDIS("history-cache-redis", 6380, false),
    AUTH_SERVICE("auth-service", 8081, true),
    ROOM_SERVICE("room-service", 8082, true),
    MESSAGE_SERVICE("message-service", 8083, true),
    WS_GATEWAY("ws-gateway", 8084, true),
    API_GATEWAY("api-gateway", 8080, true);

    /** One database per service that owns data (contract §1). */
    static final List<String> DATABASES = List.of("auth", "rooms", "messages");

    private final String id;
    private final int defaultPort;
    private final boolean service;

    Component(String id, int defaultPort, boolean service) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.service = service;
    }

    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean isService() {
        return service;
    }

    /** The environment variable that overrides the port, e.g. {@code PARLEY_PORT_API_GATEWAY}. */
    public String portVariable() {
        return "PARLEY_PORT_" + name();
    }

    public static Component byId(String id) {
        for (Component component : values()) {
            if (component.id.equals(id)) {
                return component;
            }
        }
        throw new IllegalArgumentException("No component called " + id + "; one of kafka, postgres, redis, "
                + "history-cache-redis, auth-service, room-service, message-service, ws-gateway, api-gateway");
    }
}
