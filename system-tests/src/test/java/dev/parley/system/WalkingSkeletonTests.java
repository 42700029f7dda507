package dev.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.Answer;
import dev.parley.system.Client.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole real path, through the api-gateway only: two users register and log in, one creates a
 * public room, both join and subscribe over WebSocket, one sends, both receive it, the sender gets
 * its ack with seq 1, and history returns the message.
 */
class WalkingSkeletonTests {

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));

    @Test
    void aMessageTravelsFromOneUserToTheOtherAndIntoHistory() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String alice = token("alice" + suffix);
        String bob = token("bob" + suffix);

        Answer room = client.call("POST", "/api/rooms", "{\"name\":\"general\",\"visibility\":\"public\"}", alice);
        assertThat(room.status()).isEqualTo(201);
        String roomId = room.body().path("id").asString();
        assertThat(client.call("POST", "/api/rooms/" + roomId + "/members", "{}", bob).status()).isEqualTo(201);
        assertThat(client.call("POST", "/api/rooms/" + roomId + "/members", "{}", alice).status())
                .as("the owner is a member already").isEqualTo(200);

        Socket aliceSocket = client.connect(alice);
        JsonNode aliceReady = aliceSocket.awaitType("ready");
        assertThat(aliceReady.path("heartbeatMs").asInt()).isPositive();
        Socket bobSocket = client.connect(null);
        bobSocket.send("{\"type\":\"auth\",\"token\":\"" + bob + "\"}");
        bobSocket.awaitType("ready");

        aliceSocket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\",\"id\":\"s1\"}");
        bobSocket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\",\"id\":\"s2\"}");
        assertThat(aliceSocket.awaitType("subscribed").path("headSeq").asLong()).isZero();
        assertThat(bobSocket.awaitType("subscribed").path("id").asString()).isEqualTo("s2");

        String clientMsgId = "m-" + UUID.randomUUID();
        aliceSocket.send("{\"type\":\"send\",\"id\":\"f1\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\""
                + clientMsgId + "\",\"body\":\"hello, bob\"}");

        JsonNode ack = aliceSocket.awaitType("ack");
        assertThat(ack.path("seq").asLong()).isEqualTo(1);
        assertThat(ack.path("clientMsgId").asString()).isEqualTo(clientMsgId);
        assertThat(ack.path("id").asString()).isEqualTo("f1");
        for (Socket socket : new Socket[] {aliceSocket, bobSocket}) {
            JsonNode message = socket.awaitType("message");
            assertThat(message.path("seq").asLong()).isEqualTo(1);
            assertThat(message.path("body").asString()).isEqualTo("hello, bob");
            assertThat(message.path("roomId").asString()).isEqualTo(roomId);
            // a push is no answer to a frame: its "id" is the message's id (contract §3, fields of Message)
            assertThat(message.path("id").asString()).isEqualTo(ack.path("messageId").asString());
            assertThat(message.path("senderId").asString()).isEqualTo(aliceReady.path("userId").asString());
        }

        Answer history = client.call("GET", "/api/rooms/" + roomId + "/messages", null, bob);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().path("items")).hasSize(1);
        JsonNode stored = history.body().path("items").get(0);
        assertThat(stored.path("seq").asLong()).isEqualTo(1);
        assertThat(stored.path("body").asString()).isEqualTo("hello, bob");
        assertThat(stored.path("id").asString()).isEqualTo(ack.path("messageId").asString());

        aliceSocket.close();
        bobSocket.close();
    }

    @Test
    void everyServiceReportsItsDependenciesUp() {
        for (Component service : new Component[] {Component.AUTH_SERVICE, Component.ROOM_SERVICE,
                Component.MESSAGE_SERVICE, Component.WS_GATEWAY, Component.API_GATEWAY}) {
            assertThat(platform.isReady(service)).as(service.id()).isTrue();
        }
        assertThat(serviceHealth(Component.AUTH_SERVICE).path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(serviceHealth(Component.ROOM_SERVICE).path("components").path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(serviceHealth(Component.MESSAGE_SERVICE).path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(serviceHealth(Component.WS_GATEWAY).path("components").path("redis").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void stoppingRedisTurnsTheGatewayHealthDownAndEveryServiceFindsItAgainWhenItReturns() {
        platform.stop(Component.REDIS);
        try {
            awaitRedisStatus(Component.WS_GATEWAY, "DOWN");
        } finally {
            platform.start(Component.REDIS);
        }
        // every service that uses Redis, not only the gateway: later tests (and users) need them all
        for (Component service : new Component[] {Component.WS_GATEWAY, Component.MESSAGE_SERVICE,
                Component.AUTH_SERVICE}) {
            awaitRedisStatus(service, "UP");
        }
    }

    private void awaitRedisStatus(Component service, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            status = serviceHealth(service).path("components").path("redis").path("status").asString();
            if (expected.equals(status)) {
                return;
            }
            sleep();
        }
        throw new AssertionError(service.id() + "'s redis health stayed " + status + ", expected " + expected);
    }

    private JsonNode serviceHealth(Component service) {
        var direct = new Client(platform.layout().port(service));
        return direct.call("GET", "/actuator/health", null, null).body();
    }

    private String token(String username) {
        Answer registered = client.call("POST", "/api/auth/register",
                "{\"username\":\"%s\",\"password\":\"correct horse battery\"}".formatted(username), null);
        assertThat(registered.status()).isEqualTo(201);
        Answer login = client.call("POST", "/api/auth/login",
                "{\"username\":\"%s\",\"password\":\"correct horse battery\"}".formatted(username), null);
        assertThat(login.status()).isEqualTo(200);
        return login.body().path("accessToken").asString();
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
