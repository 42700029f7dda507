package dev.parley.message.files;

import static dev.parley.message.files.MultipartBodies.file;
import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.parley.message.IntegrationTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user cannot fill the storage by uploading in a loop: the quota of {@link UploadQuota}, with the test profile's
 * 250 KB of unattached uploads and 20 uploads an hour (files of at most 100 KB), against PostgreSQL and the local
 * storage in target/test-files.
 */
class UploadQuotaTests extends IntegrationTestSupport {

    private static final int KB = 1024;

    private final UUID uploader = UUID.randomUUID();

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileAttachments attachments;
    @Autowired
    FilesProperties properties;

    @Test
    void uploadsNoMessageClaimedAreRefusedBeyondTheirQuotaWithRetryAfterAndNothingStored() throws Exception {
        assertThat(statusOf(upload(uploader, 100 * KB))).isEqualTo(201);
        assertThat(statusOf(upload(uploader, 100 * KB))).isEqualTo(201);
        long storedBefore = TestStorage.storedObjects();

        MockHttpServletResponse refused = upload(uploader, 100 * KB);

        JsonNode problem = assertProblem(refused, 429, "rate_limited");
        Duration removal = properties.orphanAfter().plus(properties.cleanupEvery());
        long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
        assertThat(retryAfter).as("when the oldest unattached upload is removed at the latest")
                .isBetween(removal.toSeconds() - 60, removal.toSeconds());
        assertThat(problem.get("retryAfterMs").asLong()).isBetween((retryAfter - 1) * 1000, retryAfter * 1000);
        assertThat(TestStorage.storedObjects()).as("the refused file's bytes are deleted").isEqualTo(storedBefore);
        assertThat(sizesOf(uploader)).containsExactly(100L * KB, 100L * KB);

        assertThat(statusOf(upload(uploader, 50 * KB))).as("up to the quota exactly").isEqualTo(201);
        assertThat(statusOf(upload(uploader, 1))).as("not a byte beyond it").isEqualTo(429);
        assertThat(statusOf(upload(UUID.randomUUID(), 100 * KB))).as("another user's quota").isEqualTo(201);
    }

    @Test
    void attachingAnUploadToAMessageFreesItsShareOfTheQuota() throws Exception {
        UUID first = id(upload(uploader, 100 * KB));
        upload(uploader, 100 * KB);
        upload(uploader, 50 * KB);
        assertThat(statusOf(upload(uploader, 100 * KB))).isEqualTo(429);

        attachments.claim(uploader, List.of(first), UUID.randomUUID(), UUID.randomUUID()).orElseThrow();

        assertThat(statusOf(upload(uploader, 100 * KB))).isEqualTo(201);
    }

    @Test
    void uploadsBeyondTheCountPerWindowAreRefusedAttachedOrNotAndRefusalsDoNotCount() throws Exception {
        int max = properties.quota().maxUploads();
        for (int i = 0; i < max; i++) {
            UUID file = id(upload(uploader, 1));
            if (i % 2 == 0) {
                attachments.claim(uploader, List.of(file), UUID.randomUUID(), UUID.randomUUID()).orElseThrow();
            }
        }

        MockHttpServletResponse refused = upload(uploader, 1);
        MockHttpServletResponse again = upload(uploader, 1);

        assertProblem(refused, 429, "rate_limited");
        long window = properties.quota().window().toSeconds();
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).as("when the first upload leaves the window")
                .isBetween(window - 60, window);
        assertProblem(again, 429, "rate_limited");
        assertThat(sizesOf(uploader)).hasSize(max);
    }

    @Test
    void concurrentUploadsOfOneUserCannotPassTheQuotaTogether() throws Exception {
        int max = properties.quota().maxUploads();
        for (int i = 0; i < max - 1; i++) {
            id(upload(uploader, 1));
        }
        long storedBefore = TestStorage.storedObjects();

        List<Integer> statuses = concurrently(8, () -> statusOf(upload(uploader, 1)));

        assertThat(statuses).filteredOn(status -> status == 201).as("%s", statuses).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(7);
        assertThat(sizesOf(uploader)).hasSize(max);
        assertThat(TestStorage.storedObjects()).as("the refused files' bytes are deleted").isEqualTo(storedBefore + 1);
    }

    @Test
    void concurrentLargeUploadsOfOneUserCannotPassTheUnattachedQuotaTogether() throws Exception {
        List<Integer> statuses = concurrently(6, () -> statusOf(upload(uploader, 100 * KB)));

        assertThat(statuses).filteredOn(status -> status == 201).as("%s", statuses).hasSize(2);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(4);
        assertThat(sizesOf(uploader)).containsExactly(100L * KB, 100L * KB);
        assertThat(TestStorage.partialWrites()).isZero();
    }

    /** {@code clients} calls at once, each on its own thread; their answers. */
    private static List<Integer> concurrently(int clients, Callable<Integer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    /** An upload's status; a refused one is a whole problem document, {@code rate_limited}. */
    private static int statusOf(MockHttpServletResponse answer) {
        if (answer.getStatus() == 429) {
            assertProblem(answer, 429, "rate_limited");
        }
        return answer.getStatus();
    }

    private MockHttpServletResponse upload(UUID caller, int size) throws Exception {
        return mvc.perform(post("/api/files").header("Authorization", bearer(caller))
                        .contentType(MultipartBodies.CONTENT_TYPE)
                        .content(MultipartBodies.of(file("f.bin", null, new byte[size]))))
                .andReturn().getResponse();
    }

    private UUID id(MockHttpServletResponse created) throws Exception {
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return UUID.fromString(json.readTree(created.getContentAsString()).get("id").asString());
    }

    private List<Long> sizesOf(UUID caller) {
        return jdbc.sql("select size from files where uploader_id = :uploader order by created_at")
                .param("uploader", caller).query(Long.class).list();
    }

}
