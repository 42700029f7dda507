package dev.parley.message.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.infra.FreePorts;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.RedisServer;
import dev.parley.message.IntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The recent-history cache on a Redis of its own (parley.message.history.cache.redis, as {@code ./parley up}, compose
 * and the cluster run it): history is cached there, nothing of it reaches the platform's Redis, which holds what
 * must not be evicted (ADR 0028), and without it history comes from PostgreSQL. A context of its own, closed after
 * the class.
 */
@DirtiesContext
class HistoryCacheOwnRedisTests extends IntegrationTestSupport {

    private static final RedisServer cacheRedis = RedisServer.start(FreePorts.next(), null, RedisServer.Role.CACHE);

    static {
        // stopped with the JVM, after the context (which the class's end closes) no longer uses it
        Runtime.getRuntime().addShutdownHook(new Thread(cacheRedis::close, "history-cache-redis-stop"));
    }

    @DynamicPropertySource
    static void cacheOnItsOwnRedis(DynamicPropertyRegistry registry) {
        registry.add("parley.message.history.cache.redis.host", () -> "127.0.0.1");
        registry.add("parley.message.history.cache.redis.port", cacheRedis::port);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HistoryCacheScripts scripts;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void historyIsCachedInTheCachesRedisAndNothingOfItInThePlatformsRedis() throws Exception {
        kafka.createRoom(roomId, "public", owner);
        IntStream.rangeClosed(1, 5).forEach(i -> kafka.send(roomId, owner, "c-" + i, "message " + i));
        kafka.awaitPosted(roomId, 5);

        String fromPostgres = read(); // a miss: answered from PostgreSQL, and the room filled into the cache
        double hitsBefore = meters.counter("parley.history.cache.reads", "result", "hit").count();
        assertThat(read()).isEqualTo(fromPostgres);
        assertThat(meters.counter("parley.history.cache.reads", "result", "hit").count())
                .as("served from the cache").isEqualTo(hitsBefore + 1);

        String roomKeys = HistoryCacheScripts.PREFIX + "*{" + roomId + "}:*";
        try (var cache = new Client(cacheRedis.port()); var platform = new Client(Infrastructure.shared().redis().port())) {
            assertThat(cache.redis.keys(roomKeys)).containsExactlyInAnyOrderElementsOf(scripts.keys(roomId));
            assertThat(cache.redis.opsForHash().get(scripts.keys(roomId).getFirst(), "head")).isEqualTo("5");
            assertThat(platform.redis.keys(roomKeys)).isEmpty();
        }

        // the cache's Redis away: history comes from PostgreSQL (contract §5.5)
        cacheRedis.stop();
        try {
            double unavailableBefore = meters.counter("parley.history.cache.reads", "result", "unavailable").count();
            assertThat(read()).isEqualTo(fromPostgres);
            assertThat(meters.counter("parley.history.cache.reads", "result", "unavailable").count())
                    .isGreaterThan(unavailableBefore);
        } finally {
            cacheRedis.restart();
        }
    }

    private String read() throws Exception {
        return mvc.perform(get("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(owner)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** A plain client of one Redis, apart from the service's. */
    private static final class Client implements AutoCloseable {

        private final LettuceConnectionFactory connections;
        private final StringRedisTemplate redis;

        Client(int port) {
            connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
            connections.afterPropertiesSet();
            connections.start();
            redis = new StringRedisTemplate(connections);
        }

        @Override
        public void close() {
            connections.destroy();
        }
    }
}
