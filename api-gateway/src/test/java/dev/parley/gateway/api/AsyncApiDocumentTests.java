package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The edge serves docs/asyncapi.yaml itself: the build takes it into the jar (api-gateway's pom), so there
 * is no copy to forget. This fails if one appears in src/main/resources and shadows it.
 */
class AsyncApiDocumentTests {

    @Test
    void theServedAsyncApiDocumentIsTheOneInDocs() throws IOException {
        Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs/asyncapi.yaml");
        try (InputStream served = AsyncApiDocumentTests.class.getResourceAsStream("/api-docs/asyncapi.yaml")) {
            assertThat(served).as("api-docs/asyncapi.yaml on the classpath").isNotNull();
            assertThat(new String(served.readAllBytes())).as("the copy of %s", docs).isEqualTo(Files.readString(docs));
        }
    }
}
