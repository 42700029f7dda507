package dev.parley.gateway.ws.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.gateway.ws.GatewayProperties;
import dev.parley.gateway.ws.support.GatewayIntegrationTest;
import dev.parley.gateway.ws.support.WsTestClient;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

class PresenceTests extends GatewayIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    GatewayProperties gateway;

    @Test
    void connectionIsRecordedInRedisWhileOpenAndRemovedWhenClosed() throws Exception {
        UUID user = UUID.randomUUID();
        String key = PresenceTracker.key(user);
        WsTestClient first = WsTestClient.connect(wsUri(), tokens.accessToken(user, "frank"));
        String firstSession = first.next("ready").path("sessionId").asString();
        WsTestClient second = WsTestClient.connect(wsUri(), tokens.accessToken(user, "frank"));
        String secondSession = second.next("ready").path("sessionId").asString();

        Double expiresAt = redis.opsForZSet().score(key, gateway.gatewayId() + "/" + firstSession);
        assertThat(expiresAt).isGreaterThan((double) System.currentTimeMillis());
        assertThat(redis.opsForZSet().score(key, gateway.gatewayId() + "/" + secondSession)).isNotNull();
        assertThat(redis.getExpire(key)).isBetween(1L, 60L);

        first.close();
        awaitTrue(() -> redis.opsForZSet().score(key, gateway.gatewayId() + "/" + firstSession) == null);
        assertThat(redis.opsForZSet().score(key, gateway.gatewayId() + "/" + secondSession)).isNotNull();

        second.close();
        awaitTrue(() -> !redis.hasKey(key));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
