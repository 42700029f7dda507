package dev.parley.message.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.message.MessagePosted;
import dev.parley.infra.Infrastructure;
import dev.parley.infra.RedisServer;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import dev.parley.message.history.HistoryQueries.RecentWindow;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The recent-history cache answers exactly as PostgreSQL does: compared page by page, after edits and
 * deletes, against a window filled before a write, and with Redis stopped and back with a stale copy.
 * (The test profile caches the newest 20 messages of a room.)
 */
class RecentHistoryCacheTests extends IntegrationTestSupport {

    private static final List<String> PAGES = List.of("", "?limit=5", "?limit=100", "?before=25&limit=4",
            "?before=15&limit=7", "?before=1", "?after=0&limit=10", "?after=18&limit=5", "?after=29", "?after=1000",
            "?around=20&limit=9", "?around=30&limit=6", "?around=1&limit=4", "?around=31", "?around=12&limit=1");

    @Autowired
    MockMvc mvc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HistoryQueries queries;

    @Autowired
    RecentHistoryCache cache;

    @Autowired
    CacheBackoff backoff;

    @Autowired
    JsonMapper json;

    @Autowired
    HistoryCacheScripts scripts;

    private final UUID roomId = UUID.randomUUID();
    private final UUID owner = UUID.randomUUID();

    @Test
    void cachedAndUncachedPagesAreIdenticalIncludingAfterEditsAndDeletes() throws Exception {
        roomWithMessages(30);
        for (String page : PAGES) {
            read(page);
        }
        editAs(owner, 29, "edited in the cached window");
        editAs(owner, 5, "edited below it");
        deleteAs(owner, 27);
        sendAs(owner, "c-31", "after the fill");
        awaitCachedHead(31); // the writer's last change: the room's changes are applied in order

        double hitsBefore = hits();
        Map<String, String> cached = new HashMap<>();
        for (String page : PAGES) {
            cached.put(page, read(page));
        }
        // With the newest 20 of 31 messages cached (seqs 12..31), these six pages lie within the cache:
        // limit=5, before=25, after=18, after=29, around=20, around=30. The others reach below it
        // or are empty (known from the last seq alone).
        assertThat(hits() - hitsBefore).as("pages served from the cache").isEqualTo(6);
        for (String page : PAGES) {
            evict();
            assertThat(read(page)).as("page %s from PostgreSQL", page).isEqualTo(cached.get(page));
        }
        assertThat(read("?around=28&limit=3")).contains("\"deleted\":true").contains("edited in the cached window");
    }

    /**
     * A cached page is written out as the cache holds it while none of its messages has a reaction; with one, it is
     * read to mark the reader's own, and says what PostgreSQL's page says to each reader.
     */
    @Test
    void aCachedPageWithAReactionMarksTheReadersOwnAsThePageFromPostgresqlDoes() throws Exception {
        roomWithMessages(5);
        UUID reader = UUID.randomUUID();
        mvc.perform(put("/api/rooms/{id}/messages/{seq}/reactions/{emoji}", roomId, 4, ":tada:")
                .header("Authorization", bearer(owner))).andExpect(status().isNoContent());
        evict();
        String ownersFromPostgres = readAs(owner, "?limit=3");
        evict();
        String readersFromPostgres = readAs(reader, "?limit=3");
        assertThat(ownersFromPostgres).contains("\"me\":true").isNotEqualTo(readersFromPostgres);
        assertThat(readersFromPostgres).contains("\"me\":false");

        readAs(owner, "?limit=3"); // filled by the read before, or now
        double hitsBefore = hits();
        assertThat(readAs(owner, "?limit=3")).isEqualTo(ownersFromPostgres);
        assertThat(readAs(reader, "?limit=3")).isEqualTo(readersFromPostgres);
        assertThat(readAs(reader, "?before=3")).as("no reaction on it").isEqualTo(readAs(owner, "?before=3"));
        assertThat(hits() - hitsBefore).as("pages served from the cache").isEqualTo(4);
    }

    /** An entry that cannot be read is never served: the page comes from PostgreSQL, and the room is filled anew. */
    @Test
    void aDamagedEntryIsAnsweredFromPostgresqlAndTheRoomRefilled() throws Exception {
        roomWithMessages(5);
        String page = read("");
        assertThat(read("")).isEqualTo(page);
        String messages = scripts.keys(roomId).getLast();
        String damaged = "{\"seq\":4,\"body\":\"cut sh";
        redis.opsForZSet().removeRangeByScore(messages, 4, 4);
        redis.opsForZSet().add(messages, damaged, 4);

        assertThat(read("")).isEqualTo(page);
        assertThat(redis.opsForZSet().rangeByScore(messages, 4, 4)).as("refilled").hasSize(1).doesNotContain(damaged);
        double hitsBefore = hits();
        assertThat(read("")).isEqualTo(page);
        assertThat(hits()).as("served from the refilled cache").isEqualTo(hitsBefore + 1);
    }

    @Test
    void beforeAfterAndAroundPagesAgreeWithEachOtherAndWithTheEventStream() throws Exception {
        List<MessagePosted> posted = roomWithMessages(25);
        List<JsonNode> forward = new ArrayList<>();
        JsonNode page;
        long after = 0;
        do {
            page = json.readTree(read("?limit=7&after=" + after));
            page.get("items").forEach(forward::add);
            after = forward.getLast().get("seq").asLong();
        } while (page.get("hasMore").asBoolean());
        List<JsonNode> backward = new ArrayList<>();
        String query = "?limit=6";
        do {
            page = json.readTree(read(query));
            List<JsonNode> items = new ArrayList<>();
            page.get("items").forEach(items::add);
            backward.addAll(0, items);
            query = "?limit=6&before=" + items.getFirst().get("seq").asLong();
        } while (page.get("hasMore").asBoolean());

        assertThat(backward).isEqualTo(forward);
        assertThat(forward).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(forward.get(i).get("seq").asLong()).isEqualTo(posted.get(i).seq());
            assertThat(forward.get(i).get("id").asString()).isEqualTo(posted.get(i).messageId().toString());
            assertThat(forward.get(i).get("body").asString()).isEqualTo(posted.get(i).body());
            assertThat(forward.get(i).get("createdAt").asString()).isEqualTo(posted.get(i).createdAt().toString());
        }
        for (int seq = 1; seq <= 25; seq++) {
            JsonNode around = json.readTree(read("?limit=5&around=" + seq));
            int from = Math.max(1, seq - 2);
            List<JsonNode> expected = forward.subList(from - 1, Math.min(25, from + 4));
            List<JsonNode> items = new ArrayList<>();
            around.get("items").forEach(items::add);
            assertThat(items).as("around %d", seq).isEqualTo(expected);
            assertThat(around.get("hasMore").asBoolean()).isEqualTo(from > 1);
        }
    }

    @Test
    void aWindowReadBeforeAWriteCannotHideTheWriteFromLaterReads() throws Exception {
        roomWithMessages(3);
        evict();
        RecentWindow beforeTheWrite = queries.window(roomId, 20);

        sendAs(owner, "c-4", "written while a reader was filling the cache");
        cache.fill(roomId, beforeTheWrite); // the reader's fill lands late

        JsonNode latest = json.readTree(read(""));
        assertThat(latest.get("items")).hasSize(4);
        assertThat(latest.get("items").get(3).get("body").asString()).isEqualTo("written while a reader was filling the cache");

        // Once refilled, a late fill of an older window changes nothing either.
        double hitsBefore = hits();
        String fresh = read("");
        cache.fill(roomId, beforeTheWrite);
        assertThat(read("")).isEqualTo(fresh);
        assertThat(hits()).isGreaterThan(hitsBefore);
    }

    @Test
    void withRedisDownHistoryAndWritesGoOnAndAStaleCopyIsNeverServedAfterwards() throws Exception {
        roomWithMessages(5);
        read("");
        read("");
        Map<String, byte[]> copy = new HashMap<>();
        scripts.keys(roomId).forEach(key -> copy.put(key, redis.dump(key)));
        assertThat(copy.values()).doesNotContainNull();

        RedisServer server = Infrastructure.shared().redis();
        server.stop();
        try {
            sendAs(owner, "c-6", "sent while Redis is down");
            editAs(owner, 5, "edited while Redis is down");
            deleteAs(owner, 4);
            JsonNode latest = json.readTree(read(""));
            assertThat(latest.get("items")).hasSize(6);
            assertThat(latest.get("items").get(5).get("body").asString()).isEqualTo("sent while Redis is down");
        } finally {
            server.restart();
        }
        // A Redis that kept its data (append-only file) comes back with the copy from before the outage.
        awaitRedis();
        copy.forEach((key, value) -> redis.restore(key, value, 0, TimeUnit.MILLISECONDS, true));

        String afterOutage = read("");
        assertThat(afterOutage).contains("sent while Redis is down").contains("edited while Redis is down")
                .contains("\"deleted\":true");
        double hitsBefore = hits();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hits() == hitsBefore && System.nanoTime() < deadline) {
            assertThat(read("")).isEqualTo(afterOutage);
            Thread.sleep(50);
        }
        assertThat(hits()).as("served from the refilled cache again").isGreaterThan(hitsBefore);
        evict();
        assertThat(read("")).isEqualTo(afterOutage);
    }

    @Test
    void aRedisThatLostItsScriptsIsStillKeptUpToDate() throws Exception {
        roomWithMessages(5);
        read("");
        double hitsBefore = hits();
        read("");
        assertThat(hits()).as("the window is cached").isEqualTo(hitsBefore + 1);
        // As after a Redis restart: the cache update sent by digest is refused with NOSCRIPT.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });

        kafka.send(roomId, owner, "c-6", "after the scripts were lost");
        kafka.awaitPosted(roomId, 6);
        awaitCachedHead(6);
        double staleBefore = reads("stale");
        double unavailableBefore = reads("unavailable");
        String page = read("");
        assertThat(page).contains("after the scripts were lost");
        assertThat(hits()).as("served from the updated cache").isEqualTo(hitsBefore + 2);
        assertThat(reads("stale")).isEqualTo(staleBefore);
        assertThat(reads("unavailable")).isEqualTo(unavailableBefore);
    }

    @Test
    void aRoomWhoseChangeDidNotReachRedisIsTakenOutOfTheCacheOnceRedisAnswersAgain() throws Exception {
        roomWithMessages(3);
        read("");
        read("");
        String head = scripts.keys(roomId).getFirst();
        long version = Long.parseLong((String) redis.opsForHash().get(head, "version"));

        // Redis left alone after a failure, as the batch that committed version + 1 hands its change over
        backoff.leaveAlone(new RedisConnectionFailureException("left alone by the test"));
        cache.apply(List.of(new RoomHistoryChange(roomId, version, version + 1, 4, List.of())));

        // PostgreSQL's version check would refuse the older copy, but while PostgreSQL is away the cache is read
        // at its own version: a room it holds must be as committed, or not there
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Boolean.TRUE.equals(redis.hasKey(head))) {
            assertThat(System.nanoTime()).as("the room taken out of the cache").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(redis.hasKey(scripts.keys(roomId).getLast())).isFalse();
    }

    @Test
    void aRoomWhoseMessagesWereEvictedButNotItsHeadIsRefilled() throws Exception {
        roomWithMessages(3);
        read("");
        String page = read("");
        // what allkeys-lru may do to the cache's Redis: take one of a room's two keys
        redis.delete(scripts.keys(roomId).getLast());

        double staleBefore = reads("stale");
        assertThat(read("")).isEqualTo(page);
        assertThat(reads("stale")).as("taken for absent").isEqualTo(staleBefore + 1);
        double hitsBefore = hits();
        assertThat(read("")).isEqualTo(page);
        assertThat(hits()).as("served from the refilled cache").isEqualTo(hitsBefore + 1);
    }

    @Test
    void aStalledRedisHoldsUpNoSendAndIsCaughtUpWithAfterwards() throws Exception {
        roomWithMessages(1);
        read("");
        Duration stall = Duration.ofSeconds(5);
        // Redis takes no write for 5 s (scripts count as writes); the client gives up on a command after 3 s in the
        // tests (application-test.yml), so a send that waited on Redis would take 3 s, and one that did not far less.
        redis.execute((RedisCallback<Object>) connection -> connection.execute("CLIENT",
                "PAUSE".getBytes(), Long.toString(stall.toMillis()).getBytes(), "WRITE".getBytes()));
        long stallEnds = System.nanoTime() + stall.toNanos();
        List<Instant> sentAt = new ArrayList<>();
        for (int seq = 2; seq <= 4; seq++) {
            sentAt.add(Instant.now());
            kafka.send(roomId, owner, "c-" + seq, "while Redis stalls " + seq);
            Thread.sleep(300); // past retry-after: a send that waited on Redis would wait again
        }
        List<Instant> publishedAt = kafka.awaitTimed(roomId, 3, event -> event instanceof MessagePosted posted
                && posted.seq() > 1).stream().map(TestKafka.Timed::publishedAt).toList();
        assertThat(System.nanoTime()).as("the sends were answered while Redis stalled").isLessThan(stallEnds);
        for (int i = 0; i < 3; i++) {
            assertThat(Duration.between(sentAt.get(i), publishedAt.get(i))).as("send %d to its event", i + 2)
                    .isLessThan(Duration.ofMillis(1500));
        }

        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(stallEnds - System.nanoTime())));
        awaitRedis();
        String latestPage = read("");
        JsonNode latest = json.readTree(latestPage);
        assertThat(latest.get("items")).hasSize(4);
        assertThat(latest.get("items").get(3).get("body").asString()).isEqualTo("while Redis stalls 4");
        double hitsBefore = hits();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (hits() == hitsBefore && System.nanoTime() < deadline) {
            assertThat(read("")).isEqualTo(latestPage);
            Thread.sleep(50);
        }
        assertThat(hits()).as("served from the cache again").isGreaterThan(hitsBefore);
    }

    private List<MessagePosted> roomWithMessages(int count) {
        kafka.createRoom(roomId, "public", owner);
        IntStream.rangeClosed(1, count).forEach(i -> kafka.send(roomId, owner, "c-" + i, "message " + i));
        return kafka.awaitPosted(roomId, count);
    }

    private String read(String query) throws Exception {
        return readAs(owner, query);
    }

    private String readAs(UUID reader, String query) throws Exception {
        return mvc.perform(get("/api/rooms/" + roomId + "/messages" + query).header("Authorization", bearer(reader)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private void sendAs(UUID sender, String clientMsgId, String body) throws Exception {
        mvc.perform(post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(sender))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"clientMsgId\":\"%s\",\"body\":\"%s\"}".formatted(clientMsgId, body)))
                .andExpect(status().isCreated());
    }

    private void editAs(UUID editor, long seq, String body) throws Exception {
        mvc.perform(patch("/api/rooms/{id}/messages/{seq}", roomId, seq).header("Authorization", bearer(editor))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"%s\"}".formatted(body)))
                .andExpect(status().isOk());
    }

    private void deleteAs(UUID deleter, long seq) throws Exception {
        mvc.perform(delete("/api/rooms/{id}/messages/{seq}", roomId, seq).header("Authorization", bearer(deleter)))
                .andExpect(status().isNoContent());
    }

    /** Until the writer, off the command path, has brought the cached room to this last seq. */
    private void awaitCachedHead(long lastSeq) throws InterruptedException {
        String head = scripts.keys(roomId).getFirst();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Long.toString(lastSeq).equals(redis.opsForHash().get(head, "head"))) {
            assertThat(System.nanoTime()).as("the cache at last seq %d", lastSeq).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void evict() {
        redis.delete(scripts.keys(roomId));
    }

    private double hits() {
        return reads("hit");
    }

    private double reads(String result) {
        return meters.counter("parley.history.cache.reads", "result", result).count();
    }

    private void awaitRedis() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                redis.hasKey("ping");
                return;
            } catch (RuntimeException e) {
                assertThat(System.nanoTime()).as("Redis back").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }
}
