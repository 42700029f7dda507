package dev.parley.system;

import static dev.parley.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.infra.launcher.Component;
import dev.parley.infra.launcher.Platform;
import dev.parley.system.Client.User;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Attachments' storage side (contract §6) through the api-gateway and message-service's own Tomcat: an upload
 * larger than a JSON body streams through the edge, its type is sniffed, its bytes come back to its uploader
 * with the file's headers (the edge's policy beside the file's sandbox), nobody else finds it, and a file over
 * the 25 MB limit is 413 {@code file_too_large} whether its length is declared or not.
 */
class FilesTests {

    private static final String BOUNDARY = "system-test-boundary";
    private static final long LIMIT = 25L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform = RunningPlatform.get();
    private final Client client = new Client(platform.layout().port(Component.API_GATEWAY));
    private final String baseUrl = "http://127.0.0.1:" + platform.layout().port(Component.API_GATEWAY);

    @Test
    void anUploadComesBackToItsUploaderAsWhatItIsAndToNobodyElse() throws Exception {
        User uploader = client.newUser("uploader");
        User stranger = client.newUser("stranger");
        byte[] png = new byte[200 * 1024];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(signature, 0, png, 0, signature.length);

        HttpResponse<String> created = upload(uploader, HttpRequest.BodyPublishers.ofByteArray(
                body("photo.png", "text/html", png)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode file = Client.JSON.readTree(created.body());
        assertThat(file.path("contentType").asString()).isEqualTo("image/png");
        assertThat(file.path("size").asLong()).isEqualTo(png.length);
        HttpResponse<byte[]> download = download(uploader, file.path("id").asString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("inline;").contains("photo.png"));
        assertThat(download.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(download.headers().allValues("Content-Security-Policy")).contains("sandbox; default-src 'none'");
        assertNotFound(download(stranger, file.path("id").asString()));
    }

    @Test
    void aFileOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        User uploader = client.newUser("hoarder");
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = upload(uploader, HttpRequest.BodyPublishers.ofByteArray(
                body("big.bin", null, new byte[(int) LIMIT + 128 * 1024])));
        assertProblem(declared, 413, "file_too_large");

        // chunked: message-service finds the part too large while it streams, before the edge's count ends it
        HttpResponse<String> streamed = upload(uploader, HttpRequest.BodyPublishers.ofInputStream(() ->
                new SequenceInputStream(new java.io.ByteArrayInputStream(head), zeros(LIMIT + 1024 * 1024))));
        assertProblem(streamed, 413, "file_too_large");
    }

    @Test
    void aFileSentInAMessageReachesTheRoomAndEveryoneWhoCanReadItMayFetchIt() throws Exception {
        User ada = client.newUser("ada");
        User bob = client.newUser("bob");
        User passerBy = client.newUser("passer");
        Client.Answer room = client.call("POST", "/api/rooms", "{\"name\":\"photos\",\"visibility\":\"public\"}",
                ada.token());
        String roomId = room.body().path("id").asString();
        assertThat(client.call("POST", "/api/rooms/" + roomId + "/members", "{}", bob.token()).status()).isEqualTo(201);
        Client.Socket bobSocket = client.connect(bob.token());
        bobSocket.awaitType("ready");
        bobSocket.send("{\"type\":\"subscribe\",\"roomId\":\"" + roomId + "\"}");
        bobSocket.awaitType("subscribed");
        String fileId = Client.JSON.readTree(upload(ada, HttpRequest.BodyPublishers.ofByteArray(
                body("notes.txt", null, "see you at noon".getBytes(StandardCharsets.UTF_8)))).body()).path("id").asString();
        assertNotFound(download(passerBy, fileId)); // not posted yet

        Client.Socket adaSocket = client.connect(ada.token());
        adaSocket.awaitType("ready");
        adaSocket.send("{\"type\":\"send\",\"roomId\":\"" + roomId + "\",\"clientMsgId\":\"f-1\",\"body\":\"\","
                + "\"attachments\":[\"" + fileId + "\"]}");
        assertThat(adaSocket.await(frame -> "ack".equals(frame.path("type").asString())
                || "error".equals(frame.path("type").asString()), "ack").path("type").asString()).isEqualTo("ack");

        JsonNode pushed = bobSocket.await(frame -> "message".equals(frame.path("type").asString()), "message");
        assertThat(pushed.path("attachments").get(0).path("id").asString()).isEqualTo(fileId);
        assertThat(pushed.path("attachments").get(0).path("name").asString()).isEqualTo("notes.txt");
        assertThat(pushed.path("attachments").get(0).path("contentType").asString()).isEqualTo("text/plain");
        HttpResponse<byte[]> fetched = download(passerBy, fileId);
        assertThat(fetched.statusCode()).as("anyone who can read the public room").isEqualTo(200);
        assertThat(new String(fetched.body(), StandardCharsets.UTF_8)).isEqualTo("see you at noon");
        assertThat(fetched.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("attachment;"));
        adaSocket.close();
        bobSocket.close();
    }

    private HttpResponse<String> upload(User user, HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/files")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A refused download: a whole problem document, 404 {@code file_not_found}. */
    private static void assertNotFound(HttpResponse<byte[]> refused) {
        assertProblem(refused.statusCode(), refused.headers().firstValue("Content-Type").orElse(null),
                new String(refused.body(), StandardCharsets.UTF_8), 404, "file_not_found");
    }

    private HttpResponse<byte[]> download(User user, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/files/" + id)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + user.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] body(String fileName, String claimedType, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\n" + (claimedType == null ? "" : "Content-Type: " + claimedType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** {@code length} zero bytes, made as they are read. */
    private static InputStream zeros(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
