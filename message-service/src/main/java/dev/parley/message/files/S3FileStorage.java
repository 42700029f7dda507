package dev.parley.message.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Objects in a bucket of any S3-compatible store. A PutObject needs the length up front, so an upload is first
 * written to a temporary file (the limit is enforced while it streams there) and then sent from that file;
 * downloads stream straight from the store.
 */
class S3FileStorage implements FileStorage, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final Path staging;

    S3FileStorage(S3Client s3, String bucket, Path staging) {
        this.s3 = s3;
        this.bucket = bucket;
        this.staging = staging;
    }

    static S3FileStorage create(FilesProperties.S3 properties) {
        if (properties.bucket() == null || properties.bucket().isBlank()) {
            throw new IllegalStateException("parley.files.storage is s3 but parley.files.s3.bucket is not set");
        }
        S3ClientBuilder client = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(properties.region()))
                .forcePathStyle(properties.pathStyleAccess())
                .credentialsProvider(credentials(properties));
        if (properties.endpoint() != null) {
            // Another store than AWS: the SDK's default checksums (trailing CRCs in aws-chunked bodies) are not
            // understood by all of them; checksums only where an operation requires one.
            client.endpointOverride(properties.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return new S3FileStorage(client.build(), properties.bucket(), properties.stagingDirectory());
    }

    private static AwsCredentialsProvider credentials(FilesProperties.S3 properties) {
        return properties.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Override
    public long write(String key, InputStream content) throws IOException {
        Path staged = Files.createTempFile(Files.createDirectories(staging), "parley-upload-", ".part");
        try {
            long length = Files.copy(content, staged, StandardCopyOption.REPLACE_EXISTING);
            s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length)
                    .contentType("application/octet-stream").build(), RequestBody.fromFile(staged));
            return length;
        } catch (SdkException e) {
            throw new IOException("Could not store " + key + " in bucket " + bucket, e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("Could not read " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (SdkException e) {
            throw new IOException("Could not delete " + key + " from bucket " + bucket, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
