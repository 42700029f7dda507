package dev.parley.message.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3FileStorage} against a real S3 API: S3Proxy (in-memory store behind it), started from the jar the
 * build copies to target/s3proxy, on a free loopback port, with access keys checked (AWS signature v4). Not AWS
 * itself, nor MinIO: the requests are the SDK's own, as it sends them to any S3-compatible store.
 */
class S3FileStorageTests {

    private static final String BUCKET = "parley-files";
    private static final String ACCESS_KEY = "parley-test";
    private static final String SECRET_KEY = "parley-test-secret";

    private static Process s3proxy;
    private static URI endpoint;
    private static S3Client admin;

    @TempDir
    Path staging;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        assertThat(jar).as("copied by the build (maven-dependency-plugin)").exists();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        endpoint = URI.create("http://127.0.0.1:" + port);
        Path properties = Files.writeString(Path.of("target/s3proxy/s3proxy.properties"), """
                s3proxy.endpoint=%s
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                jclouds.provider=transient
                jclouds.identity=unused
                jclouds.credential=unused
                """.formatted(endpoint, ACCESS_KEY, SECRET_KEY));
        s3proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target/s3proxy/s3proxy.log").toFile()).start();
        awaitListening(port, Duration.ofSeconds(90));
        admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(endpoint).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        admin.createBucket(bucket -> bucket.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (admin != null) {
            admin.close();
        }
        if (s3proxy != null) {
            s3proxy.destroy();
            if (!s3proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                s3proxy.destroyForcibly();
            }
        }
    }

    @Test
    void aStreamIsStoredAndReadBackWhole() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        String key = UUID.randomUUID().toString();
        try (S3FileStorage storage = storage()) {
            assertThat(storage.write(key, new java.io.ByteArrayInputStream(content))).isEqualTo(content.length);

            try (InputStream stored = storage.open(key)) {
                assertThat(stored.readAllBytes()).isEqualTo(content);
            }
            assertThat(admin.headObject(head -> head.bucket(BUCKET).key(key)).contentLength()).isEqualTo(content.length);
        }
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void anUploadThatFailsWhileItStreamsLeavesNoObjectAndNoStagedFile() throws Exception {
        String key = UUID.randomUUID().toString();
        InputStream cutShort = new SequenceInputStream(new java.io.ByteArrayInputStream(new byte[100_000]),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new UploadForm.TooLarge(new IOException("over the limit"));
                    }
                });
        try (S3FileStorage storage = storage()) {
            assertThatThrownBy(() -> storage.write(key, cutShort)).isInstanceOf(UploadForm.TooLarge.class);
        }
        assertThat(admin.listObjectsV2(list -> list.bucket(BUCKET).prefix(key)).contents()).isEmpty();
        assertThat(staging).isEmptyDirectory();
    }

    @Test
    void aDeletedOrUnknownKeyIsNoSuchFileAndDeletingItAgainIsNoError() throws Exception {
        String key = UUID.randomUUID().toString();
        try (S3FileStorage storage = storage()) {
            storage.write(key, new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}));
            storage.delete(key);
            storage.delete(key);

            assertThatThrownBy(() -> storage.open(key)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> storage.open(UUID.randomUUID().toString())).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void wrongCredentialsAreAnErrorOfTheStoreNotAMissingFile() {
        FilesProperties.S3 wrong = new FilesProperties.S3(BUCKET, "us-east-1", endpoint, true, ACCESS_KEY, "not-the-secret",
                staging);
        try (S3FileStorage storage = S3FileStorage.create(wrong)) {
            assertThatThrownBy(() -> storage.write("k-" + UUID.randomUUID(), new java.io.ByteArrayInputStream(new byte[] {1})))
                    .isInstanceOf(IOException.class).isNotInstanceOf(NoSuchFileException.class);
        }
    }

    private S3FileStorage storage() {
        return S3FileStorage.create(new FilesProperties.S3(BUCKET, "us-east-1", endpoint, true, ACCESS_KEY, SECRET_KEY,
                staging));
    }

    private static void awaitListening(int port, Duration atMost) throws Exception {
        Instant deadline = Instant.now().plus(atMost);
        while (Instant.now().isBefore(deadline)) {
            assertThat(s3proxy.isAlive()).as("S3Proxy exited: see target/s3proxy/s3proxy.log").isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("S3Proxy did not listen on " + port + " within " + atMost);
    }
}
