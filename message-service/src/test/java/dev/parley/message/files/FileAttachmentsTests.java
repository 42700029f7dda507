package dev.parley.message.files;

import static dev.parley.message.files.MultipartBodies.file;
import static dev.parley.testing.ProblemAssert.assertProblem;
import static dev.parley.testing.ProblemAssert.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.events.Topic;
import dev.parley.events.message.Attachment;
import dev.parley.events.message.MessageRejected;
import dev.parley.events.message.SendMessage;
import dev.parley.events.room.UserBanned;
import dev.parley.message.IntegrationTestSupport;
import dev.parley.message.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link FileAttachments} as the message pipeline uses it, who may download a file once it is attached, and
 * the removal of uploads nobody attached — against PostgreSQL, the room projection and the local storage.
 */
class FileAttachmentsTests extends IntegrationTestSupport {

    private final UUID uploader = UUID.randomUUID();
    private final UUID room = UUID.randomUUID();

    @Autowired
    FileAttachments attachments;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    FileStore store;
    @Autowired
    FileStorage storage;
    @Autowired
    FilesProperties properties;

    @Test
    void aClaimAttachesTheFilesInTheOrderTheMessageNamesThem() throws Exception {
        UUID a = upload(uploader, "a.txt");
        UUID b = upload(uploader, "b.txt");
        UUID c = upload(uploader, "c.txt");
        UUID message = UUID.randomUUID();

        Optional<List<Attachment>> claimed = attachments.claim(uploader, List.of(c, a, b), room, message);

        assertThat(claimed).hasValueSatisfying(files -> assertThat(files).extracting(Attachment::name)
                .containsExactly("c.txt", "a.txt", "b.txt"));
        assertThat(store.find(c)).hasValueSatisfying(file -> assertThat(file.roomId()).isEqualTo(room));
        assertThat(attachments.claim(uploader, List.of(), room, UUID.randomUUID())).contains(List.of());
    }

    @Test
    void aClaimIsAllOrNothingAndRefusedForAnyFileThatIsNotTheSendersToAttach() throws Exception {
        UUID mine = upload(uploader, "mine.txt");
        UUID theirs = upload(UUID.randomUUID(), "theirs.txt");
        UUID attached = upload(uploader, "attached.txt");
        assertThat(attachments.claim(uploader, List.of(attached), room, UUID.randomUUID())).isPresent();
        List<UUID> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(upload(uploader, "f" + i + ".txt"));
        }

        for (List<UUID> refused : List.of(List.of(mine, theirs), List.of(mine, attached), List.of(mine, UUID.randomUUID()),
                List.of(mine, mine), eleven)) {
            assertThat(attachments.claim(uploader, refused, room, UUID.randomUUID())).as("%s", refused).isEmpty();
        }
        assertThat(attachments.claim(uploader, eleven.subList(0, 10), room, UUID.randomUUID())).isPresent();
        assertThat(attachments.claim(uploader, List.of(mine), room, UUID.randomUUID())).as("still unattached")
                .hasValueSatisfying(files -> assertThat(files).singleElement()
                        .satisfies(file -> assertThat(file.name()).isEqualTo("mine.txt")));
    }

    @Test
    void ofTwoMessagesClaimingTheSameFileAtOnceOneGetsIt() throws Exception {
        UUID contested = upload(uploader, "contested.txt");
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        CompletableFuture<Optional<List<Attachment>>> first = CompletableFuture.supplyAsync(() ->
                transaction.execute(status -> {
                    Optional<List<Attachment>> claimed = attachments.claim(uploader, List.of(contested), room,
                            UUID.randomUUID());
                    firstClaimed.countDown();
                    waitFor(commitFirst);
                    return claimed;
                }));
        assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Optional<List<Attachment>>> second = CompletableFuture.supplyAsync(() ->
                transaction.execute(status -> attachments.claim(uploader, List.of(contested), room, UUID.randomUUID())));
        Thread.sleep(300); // the second claim now waits for the first one's lock
        assertThat(second).isNotDone();
        commitFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isPresent();
        assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void onceAttachedAFileIsReadByAnyoneWhoCanReadTheRoomNow() throws Exception {
        UUID member = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        UUID banned = UUID.randomUUID();
        UUID privateRoom = UUID.randomUUID();
        kafka.createRoom(room, "public", uploader);
        kafka.createRoom(privateRoom, "private", uploader);
        kafka.join(privateRoom, member);
        UUID inPublic = upload(uploader, "public.txt");
        UUID inPrivate = upload(uploader, "private.txt");
        assertThat(download(reader, inPublic)).as("not attached yet").isEqualTo(404);
        attachments.claim(uploader, List.of(inPublic), room, UUID.randomUUID()).orElseThrow();
        attachments.claim(uploader, List.of(inPrivate), privateRoom, UUID.randomUUID()).orElseThrow();

        assertThat(download(uploader, inPublic)).isEqualTo(200);
        assertThat(download(reader, inPublic)).isEqualTo(200);
        assertThat(download(banned, inPublic)).isEqualTo(200);
        assertThat(download(member, inPrivate)).isEqualTo(200);
        assertThat(download(reader, inPrivate)).isEqualTo(404);

        kafka.publish(Topic.ROOM_EVENTS, new UserBanned(room, banned, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(download(banned, inPublic)).isEqualTo(404));
        assertThat(download(reader, inPublic)).isEqualTo(200);
    }

    @Test
    void theFilesOfADeletedMessageAreTheirUploadersAlone() throws Exception {
        UUID member = UUID.randomUUID();
        kafka.createRoom(room, "private", uploader);
        kafka.join(room, member);
        UUID message = send(room, uploader, "see attached");
        UUID attached = upload(uploader, "attached.txt");
        attachments.claim(uploader, List.of(attached), room, message).orElseThrow();
        assertThat(download(member, attached)).isEqualTo(200);

        mvc.perform(delete("/api/rooms/{id}/messages/{seq}", room, 1).header("Authorization", bearer(uploader)))
                .andExpect(status().isNoContent());

        assertThat(download(member, attached)).isEqualTo(404);
        assertThat(download(uploader, attached)).isEqualTo(200);
    }

    @Test
    void uploadsNeverAttachedWithinOrphanAfterAreRemovedWithTheirBytes() throws Exception {
        List<UUID> orphans = List.of(upload(uploader, "o1.txt"), upload(uploader, "o2.txt"), upload(uploader, "o3.txt"));
        UUID attached = upload(uploader, "attached.txt");
        attachments.claim(uploader, List.of(attached), room, UUID.randomUUID()).orElseThrow();
        Thread.sleep(1100);
        UUID young = upload(uploader, "young.txt");
        // a batch of two: the cleanup goes on until a batch comes back short
        OrphanFileCleanup cleanup = new OrphanFileCleanup(store, storage, new FilesProperties(properties.storage(),
                properties.maxSize(), Duration.ofSeconds(1), properties.cleanupEvery(), 2, properties.quota(), properties.local(),
                properties.s3()));

        assertThat(cleanup.removeOrphans()).isGreaterThanOrEqualTo(3);

        assertThat(jdbc.sql("select id from files where uploader_id = :uploader").param("uploader", uploader)
                .query(UUID.class).list()).containsExactlyInAnyOrder(attached, young);
        assertThat(orphans).allSatisfy(orphan -> {
            assertThat(stored(orphan)).as("%s", orphan).doesNotExist();
            assertThat(download(uploader, orphan)).isEqualTo(404);
        });
        assertThat(stored(attached)).exists();
        assertThat(stored(young)).exists();
    }

    @Test
    void aSendWithAttachmentsCarriesThemAndMakesThemReadableToTheRoom() throws Exception {
        UUID reader = UUID.randomUUID();
        kafka.createRoom(room, "public", uploader);
        UUID photo = upload(uploader, "photo.txt");
        UUID notes = upload(uploader, "notes.txt");
        assertThat(download(reader, photo)).as("nobody but the uploader before it is posted").isEqualTo(404);

        String sent = mvc.perform(post("/api/rooms/{id}/messages", room).header("Authorization", bearer(uploader))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("clientMsgId", "with-files", "body", "",
                                "attachments", List.of(notes.toString(), photo.toString())))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();

        assertThat(json.readTree(sent).get("attachments").valueStream().map(file -> file.get("name").asString()))
                .containsExactly("notes.txt", "photo.txt");
        assertThat(json.readTree(sent).get("body").asString()).isEmpty();
        String history = mvc.perform(get("/api/rooms/{id}/messages", room).header("Authorization", bearer(reader)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(history).get("items").get(0).get("attachments").get(1).get("id").asString())
                .isEqualTo(photo.toString());
        assertThat(download(reader, photo)).as("a reader of the room it was posted in").isEqualTo(200);

        // a file goes with one message only; someone else's file with none
        UUID strangers = upload(reader, "theirs.txt");
        for (UUID file : List.of(photo, strangers)) {
            mvc.perform(post("/api/rooms/{id}/messages", room).header("Authorization", bearer(uploader))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("clientMsgId", "again-" + file, "body", "again",
                                    "attachments", List.of(file.toString())))))
                    .andExpect(problem(400, "validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("attachments"));
        }
    }

    @Test
    void aSendNamingMoreThanTenFilesOrOneFileTwiceIsRefusedNamingTheAttachments() throws Exception {
        kafka.createRoom(room, "public", uploader);
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(upload(uploader, "f" + i + ".txt").toString());
        }
        String twice = eleven.getFirst();

        for (List<String> refused : List.of(eleven, List.of(twice, twice))) {
            mvc.perform(post("/api/rooms/{id}/messages", room).header("Authorization", bearer(uploader))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(Map.of("clientMsgId", "refused-" + refused.size(),
                                    "body", "files", "attachments", refused))))
                    .andExpect(problem(400, "validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value("attachments"));
        }
        // nothing was attached: ten of them still go with one message
        mvc.perform(post("/api/rooms/{id}/messages", room).header("Authorization", bearer(uploader))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("clientMsgId", "ten", "body", "files",
                                "attachments", eleven.subList(0, 10)))))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.attachments.length()").value(10));
    }

    @Test
    void aGatewaysSendWithAFileItCannotClaimIsRefusedNamingTheAttachments() throws Exception {
        UUID other = UUID.randomUUID();
        kafka.createRoom(room, "public", uploader);
        UUID theirs = upload(other, "theirs.txt");

        kafka.publish(Topic.MESSAGE_COMMANDS, new SendMessage(UUID.randomUUID(), room, uploader, "ws-file", "see",
                Instant.now(), TestKafka.ORIGIN, null, List.of(theirs)));

        // The gateway relays the field in its error frame: attachments, as the HTTP answer says (contract §6).
        MessageRejected rejected = (MessageRejected) kafka.awaitEvents(room, 1).getFirst();
        assertThat(rejected).extracting(MessageRejected::clientMsgId, MessageRejected::reason, MessageRejected::field)
                .containsExactly("ws-file", "validation_failed", "attachments");
    }

    private UUID upload(UUID caller, String name) throws Exception {
        String created = mvc.perform(post("/api/files").header("Authorization", bearer(caller))
                        .contentType(MultipartBodies.CONTENT_TYPE)
                        .content(MultipartBodies.of(file(name, null, name.getBytes(StandardCharsets.UTF_8)))))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(json.readTree(created).get("id").asString());
    }

    /** 200, or 404: a refused download is a whole problem document, {@code file_not_found}. */
    private int download(UUID caller, UUID file) throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/files/{id}", file).header("Authorization", bearer(caller)))
                .andReturn().getResponse();
        if (response.getStatus() != 200) {
            assertProblem(response, 404, "file_not_found");
        }
        return response.getStatus();
    }

    private UUID send(UUID roomId, UUID sender, String body) throws Exception {
        String content = json.writeValueAsString(Map.of("clientMsgId", UUID.randomUUID().toString(), "body", body));
        String sent = mvc.perform(post("/api/rooms/{id}/messages", roomId).header("Authorization", bearer(sender))
                        .contentType(MediaType.APPLICATION_JSON).content(content))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return UUID.fromString(json.readTree(sent).get("id").asString());
    }

    private static Path stored(UUID file) {
        String key = FileUploads.keyOf(file);
        return Path.of("target/test-files", key.substring(0, 2), key);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
