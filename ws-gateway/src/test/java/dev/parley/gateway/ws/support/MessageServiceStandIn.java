package dev.parley.gateway.ws.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for message-service's history endpoint, {@code GET /api/rooms/{id}/messages} with
 * {@code limit} and {@code after}, over real HTTP. Rooms it does not know answer 404 (as an unknown
 * or private room does); a room can be made to fail with 500, or to hold its {@code after} answers
 * until the test releases them.
 */
public final class MessageServiceStandIn {

    private static MessageServiceStandIn shared;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, List<Message>> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, Hold> holds = new ConcurrentHashMap<>();
    private final List<UUID> failing = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public record Message(UUID id, UUID roomId, long seq, UUID senderId, String clientMsgId, String body,
                          Instant createdAt, boolean deleted) {
    }

    /** Answers of {@code after} requests wait on {@code release} once {@code reached} counted down. */
    public record Hold(CountDownLatch reached, CountDownLatch release) {
    }

    private MessageServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/rooms/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static synchronized MessageServiceStandIn shared() {
        if (shared == null) {
            shared = new MessageServiceStandIn();
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A readable room holding messages 1..count. */
    public UUID roomWithMessages(int count) {
        UUID roomId = UUID.randomUUID();
        rooms.put(roomId, new CopyOnWriteArrayList<>());
        for (int i = 0; i < count; i++) {
            append(roomId, UUID.randomUUID(), "history-" + (i + 1), "old message " + (i + 1));
        }
        return roomId;
    }

    /** Makes a room with this id known (empty), as message-service learns it from room events. */
    public void room(UUID roomId) {
        rooms.putIfAbsent(roomId, new CopyOnWriteArrayList<>());
    }

    /** The seq of the room's newest message; 0 when it has none. */
    public long lastSeq(UUID roomId) {
        return rooms.getOrDefault(roomId, List.of()).size();
    }

    /** Every stored message of the room, in seq order. */
    public List<Message> messages(UUID roomId) {
        return List.copyOf(rooms.getOrDefault(roomId, List.of()));
    }

    /** The stored message of this sender and clientMsgId, or {@code null}. */
    public Message find(UUID roomId, UUID senderId, String clientMsgId) {
        return rooms.getOrDefault(roomId, List.of()).stream()
                .filter(m -> m.senderId().equals(senderId) && m.clientMsgId().equals(clientMsgId))
                .findFirst().orElse(null);
    }

    public synchronized Message append(UUID roomId, UUID senderId, String clientMsgId, String body) {
        List<Message> messages = rooms.get(roomId);
        Message message = new Message(UUID.randomUUID(), roomId, messages.size() + 1, senderId, clientMsgId, body,
                Instant.now(), false);
        messages.add(message);
        return message;
    }

    public void failRoom(UUID roomId) {
        failing.add(roomId);
    }

    public Hold holdReplays(UUID roomId) {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        holds.put(roomId, hold);
        return hold;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            String[] path = exchange.getRequestURI().getPath().split("/"); // "", api, rooms, {id}, messages
            UUID roomId = path.length == 5 && path[4].equals("messages") ? parse(path[3]) : null;
            if (roomId != null && failing.contains(roomId)) {
                respond(exchange, 500, "{\"code\":\"internal\"}");
            } else if (roomId == null || !rooms.containsKey(roomId)) {
                respond(exchange, 404, "{\"status\":404,\"code\":\"room_not_found\"}");
            } else {
                respond(exchange, 200, page(roomId, query(exchange)));
            }
        }
    }

    private String page(UUID roomId, Map<String, String> query) {
        List<Message> messages = new ArrayList<>(rooms.get(roomId));
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "50")), 100);
        List<Message> items;
        boolean hasMore;
        if (query.containsKey("after")) {
            awaitRelease(roomId);
            long after = Long.parseLong(query.get("after"));
            List<Message> newer = messages.stream().filter(m -> m.seq() > after).toList();
            items = newer.subList(0, Math.min(limit, newer.size()));
            hasMore = newer.size() > limit;
        } else {
            items = messages.subList(Math.max(0, messages.size() - limit), messages.size());
            hasMore = messages.size() > limit;
        }
        return json.writeValueAsString(Map.of("items", items, "hasMore", hasMore));
    }

    private void awaitRelease(UUID roomId) {
        Hold hold = holds.get(roomId);
        if (hold != null) {
            hold.reached().countDown();
            try {
                hold.release().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return query;
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
