package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The edge serves docs/asyncapi.yaml from a copy in its resources (a module's build reads only its own
 * folder): the copy must be the document, byte for byte. After editing docs/asyncapi.yaml, copy it to
 * api-gateway/src/main/resources/api-docs/asyncapi.yaml.
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
