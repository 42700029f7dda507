package dev.parley.message.files;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Attachments (contract §6): where uploads are stored, how large one may be, and when an upload that no
 * message claimed is removed.
 *
 * @param storage       {@code local} (a directory) or {@code s3} (any S3-compatible store)
 * @param maxSize       the largest file; a larger upload is refused with 413 {@code file_too_large} while it streams
 * @param orphanAfter   an upload not attached to a message by then is deleted, bytes and row
 * @param cleanupEvery  how often the orphans are looked for (each instance; they share the work safely)
 * @param cleanupBatch  how many orphans one statement takes
 * @param quota         how much one user may upload, so that no account can fill the storage
 */
@Validated
@ConfigurationProperties("parley.files")
public record FilesProperties(
        @NotNull @DefaultValue("local") Storage storage,
        @NotNull @DefaultValue("25MB") DataSize maxSize,
        @NotNull @DefaultValue("24h") Duration orphanAfter,
        @NotNull @DefaultValue("10m") Duration cleanupEvery,
        @Min(1) @DefaultValue("100") int cleanupBatch,
        @Valid @DefaultValue Quota quota,
        @Valid @DefaultValue Local local,
        @Valid @DefaultValue S3 s3) {

    public FilesProperties {
        if (quota != null && quota.maxUnattached() != null && maxSize != null
                && quota.maxUnattached().toBytes() < maxSize.toBytes()) {
            throw new IllegalArgumentException("parley.files.quota.max-unattached (" + quota.maxUnattached()
                    + ") must hold at least one file of parley.files.max-size (" + maxSize + ")");
        }
    }

    public enum Storage {
        LOCAL, S3
    }

    /**
     * Per uploader, both counted from the {@code files} table at every upload; beyond either, 429 {@code rate_limited}
     * with {@code Retry-After}. A user could otherwise upload in a loop: each upload up to {@code maxSize}, kept a day
     * when nothing claims it and forever when a message does.
     *
     * @param maxUnattached bytes of a user's uploads that no message has claimed yet, the new one included (they are
     *                      deleted after {@code orphanAfter}; attaching one frees its share). At least {@code maxSize}
     * @param maxUploads    uploads of a user within {@code window}, attached or not: bounds what attaching can keep
     *                      forever, and the number of files (and rows) however small they are. Refused uploads do not
     *                      count. Keep {@code window} within {@code orphanAfter}, so that the orphans deleted meanwhile
     *                      still count
     * @param window        the span {@code maxUploads} counts over, ending at each upload
     */
    public record Quota(@NotNull @DefaultValue("200MB") DataSize maxUnattached,
                        @Min(1) @DefaultValue("100") int maxUploads,
                        @NotNull @DefaultValue("1h") Duration window) {
    }

    /**
     * @param directory where the files are kept; by default {@code parley-files} in {@code java.io.tmpdir}, which
     *                  suits a development machine only: a deployment names a persistent volume (or uses S3)
     */
    public record Local(Path directory) {

        public Local {
            if (directory == null) {
                directory = Path.of(System.getProperty("java.io.tmpdir"), "parley-files");
            }
        }
    }

    /**
     * Any S3-compatible store: AWS S3, MinIO, Cloudflare R2, …
     *
     * @param endpoint        unset for AWS; the store's URL otherwise (e.g. {@code http://minio:9000})
     * @param pathStyleAccess {@code bucket} in the path rather than in the host name (MinIO, most others)
     * @param accessKey       with {@code secretKey}; when unset, the SDK's default provider chain (environment,
     *                        profile, container or instance role)
     * @param stagingDirectory where an upload is written before it is sent (S3 needs its length first);
     *                         {@code java.io.tmpdir} by default
     */
    public record S3(String bucket, @NotNull @DefaultValue("us-east-1") String region, URI endpoint,
                     @DefaultValue("false") boolean pathStyleAccess, String accessKey, String secretKey,
                     Path stagingDirectory) {

        public S3 {
            if (stagingDirectory == null) {
                stagingDirectory = Path.of(System.getProperty("java.io.tmpdir"));
            }
        }

        boolean hasStaticCredentials() {
            return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
        }
    }
}
