package dev.parley.gateway.api.docs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The one API reference the edge serves ({@code /api-docs/openapi.json}): merged from these sources'
 * OpenAPI documents, asked for at most every {@code cacheFor} (a source that did not answer is asked
 * again after {@code retryAfter}), each given {@code timeout} to answer.
 *
 * @param publicUrl the origin clients use, the merged document's only server
 * @param sources   where each service's document is: {@code http(s)://…/v3/api-docs}, or a {@code classpath:}
 *                  document for a service that serves none
 */
@Validated
@ConfigurationProperties("parley.api-docs")
record ApiDocsProperties(@NotBlank String publicUrl, @NotEmpty List<@Valid Source> sources,
                                @DefaultValue("2s") Duration timeout, @DefaultValue("60s") Duration cacheFor,
                                @DefaultValue("5s") Duration retryAfter) {

    /** @param name names the source in notes and in renamed components, e.g. {@code room-service} */
    record Source(@NotBlank String name, @NotBlank String location) {
    }
}
