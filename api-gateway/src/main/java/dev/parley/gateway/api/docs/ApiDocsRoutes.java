package dev.parley.gateway.api.docs;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The API reference at the public entry, outside {@code /api/**} so it can never shadow a route:
 * {@code /api-docs/openapi.json} (the merged HTTP API, {@link MergedApiDocs}), {@code /api-docs/asyncapi.yaml}
 * (WebSocket protocol and Kafka events) and Swagger UI at {@code /api-docs/ui/} (static files, the UI's
 * own from {@code /webjars/swagger-ui/}). Public GETs: no token, but the per-address request limit.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    static final String OPENAPI = "/api-docs/openapi.json";
    static final String ASYNCAPI = "/api-docs/asyncapi.yaml";
    static final String UI = "/api-docs/ui/index.html";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    /** A copy of docs/asyncapi.yaml (AsyncApiDocumentTests keeps the two equal). */
    private static final ClassPathResource ASYNCAPI_DOCUMENT = new ClassPathResource("api-docs/asyncapi.yaml");

    @Bean
    RouterFunction<ServerResponse> apiDocs(MergedApiDocs merged) {
        return RouterFunctions.route()
                .GET(OPENAPI, request -> merged.json().flatMap(json -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(json)))
                .GET(ASYNCAPI, request -> ServerResponse.ok().contentType(YAML).bodyValue(ASYNCAPI_DOCUMENT))
                .add(RouterFunctions.route(GET("/api-docs").or(GET("/api-docs/")).or(GET("/api-docs/ui"))
                        .or(GET("/api-docs/ui/")).or(GET("/swagger-ui.html")),
                        request -> ServerResponse.temporaryRedirect(URI.create(UI)).build()))
                .build();
    }
}
