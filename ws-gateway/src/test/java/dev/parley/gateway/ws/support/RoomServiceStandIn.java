package dev.parley.gateway.ws.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for room-service's {@code GET /api/rooms/{id}} over real HTTP, answering as room-service
 * does for the caller named by the bearer token's subject: the Room with {@code myRole} for a
 * member, the Room without it for anyone else in a public room, 404 for an unknown room or a private
 * room of others, 404 for a user banned from the room. (The token's signature is the gateway's to check,
 * not this stand-in's.)
 */
public final class RoomServiceStandIn {

    private static RoomServiceStandIn shared;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();
    private final List<UUID> failing = new CopyOnWriteArrayList<>();
    private final List<UUID> refusingTokens = new CopyOnWriteArrayList<>();
    private final Map<UUID, List<UUID>> banned = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;

    /** A room as room-service holds it; members map user id → role. */
    public record Room(UUID id, String visibility, Map<UUID, String> members) {
    }

    private RoomServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/rooms/", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static synchronized RoomServiceStandIn shared() {
        if (shared == null) {
            shared = new RoomServiceStandIn();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void register(UUID roomId, String visibility, UUID... members) {
        Room room = new Room(roomId, visibility, new ConcurrentHashMap<>());
        for (UUID member : members) {
            room.members().put(member, "member");
        }
        rooms.put(roomId, room);
    }

    public void setRole(UUID roomId, UUID userId, String role) {
        if (role == null) {
            rooms.get(roomId).members().remove(userId);
        } else {
            rooms.get(roomId).members().put(userId, role);
        }
    }

    /** The user is banned: removed if a member, and the room does not exist for them, public or not. */
    public void ban(UUID roomId, UUID userId) {
        rooms.get(roomId).members().remove(userId);
        banned.computeIfAbsent(roomId, id -> new CopyOnWriteArrayList<>()).add(userId);
    }

    public void delete(UUID roomId) {
        rooms.remove(roomId);
    }

    public void failRoom(UUID roomId) {
        failing.add(roomId);
    }

    /** Answers 401 for this room, as room-service does for a token that expired since the gateway checked it. */
    public void refuseTokensFor(UUID roomId) {
        refusingTokens.add(roomId);
    }

    /** How many room lookups were answered so far. */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            UUID caller = caller(exchange.getRequestHeaders().getFirst("Authorization"));
            String[] path = exchange.getRequestURI().getPath().split("/"); // "", api, rooms, {id}
            UUID roomId = path.length == 4 ? parse(path[3]) : null;
            Room room = roomId == null ? null : rooms.get(roomId);
            if (caller == null || (roomId != null && refusingTokens.contains(roomId))) {
                respond(exchange, 401, "{\"status\":401,\"code\":\"unauthorized\"}");
            } else if (roomId != null && failing.contains(roomId)) {
                respond(exchange, 500, "{\"status\":500,\"code\":\"internal\"}");
            } else if (room == null || (!"public".equals(room.visibility()) && !room.members().containsKey(caller))
                    || banned.getOrDefault(roomId, List.of()).contains(caller)) {
                respond(exchange, 404, "{\"status\":404,\"code\":\"room_not_found\"}");
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", room.id());
                body.put("kind", "group");
                body.put("name", "room " + room.id());
                body.put("visibility", room.visibility());
                body.put("ownerId", UUID.randomUUID());
                body.put("memberCount", room.members().size());
                body.put("createdAt", Instant.now().toString());
                String role = room.members().get(caller);
                if (role != null) {
                    body.put("myRole", role);
                }
                respond(exchange, 200, json.writeValueAsString(body));
            }
        }
    }

    private UUID caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            String payload = authorization.substring(7).split("\\.")[1];
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(payload));
            return UUID.fromString(claims.path("sub").asString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
