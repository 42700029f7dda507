package dev.parley.gateway.api.docs;

import dev.parley.gateway.api.docs.OpenApiMerger.Part;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.InputStream;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merged OpenAPI document, built from the sources' documents at most every {@code cacheFor}. A
 * source that does not answer within the timeout, answers an error or something that is not JSON
 * leaves the rest standing: the document then names it, and is built again after {@code retryAfter}.
 */
@Component
class MergedApiDocs {

    private static final Logger log = LoggerFactory.getLogger(MergedApiDocs.class);
    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    private final ApiDocsProperties properties;
    private final ResourceLoader resources;
    private final JsonMapper json;
    private final OpenApiMerger merger;
    private final WebClient http;
    private final Mono<byte[]> cached;

    MergedApiDocs(ApiDocsProperties properties, ResourceLoader resources, JsonMapper json) {
        this.properties = properties;
        this.resources = resources;
        this.json = json;
        this.merger = new OpenApiMerger(properties.publicUrl());
        int connectMillis = (int) Math.max(1, properties.timeout().toMillis());
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                        .responseTimeout(properties.timeout())))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
        this.cached = Mono.defer(this::build).cache(
                document -> document.complete() ? properties.cacheFor() : properties.retryAfter(),
                error -> Duration.ZERO, () -> Duration.ZERO).map(Document::bytes);
    }

    /** The merged document as JSON; never an error (a source that failed is a note in it). */
    Mono<byte[]> json() {
        return cached;
    }

    private record Document(byte[] bytes, boolean complete) {
    }

    private Mono<Document> build() {
        return Flux.fromIterable(properties.sources())
                .flatMapSequential(this::read)
                .collectList()
                .map(parts -> new Document(json.writeValueAsBytes(merger.merge(parts)),
                        parts.stream().allMatch(part -> part.document() != null)));
    }

    private Mono<Part> read(ApiDocsProperties.Source source) {
        Mono<byte[]> body = source.location().startsWith("http:") || source.location().startsWith("https:")
                ? http.get().uri(source.location()).retrieve().bodyToMono(byte[].class).timeout(properties.timeout())
                : Mono.fromCallable(() -> {
                    try (InputStream in = resources.getResource(source.location()).getInputStream()) {
                        return in.readAllBytes();
                    }
                }).subscribeOn(Schedulers.boundedElastic());
        return body.map(bytes -> parse(source, bytes))
                .defaultIfEmpty(Part.missing(source.name(), "empty answer"))
                .onErrorResume(error -> {
                    String reason = reason(error);
                    log.warn("OpenAPI document of {} ({}) not included: {}", source.name(), source.location(), reason);
                    return Mono.just(Part.missing(source.name(), reason));
                });
    }

    private Part parse(ApiDocsProperties.Source source, byte[] bytes) {
        JsonNode document = json.readTree(bytes);
        if (!OpenApiMerger.isMergeable(document)) {
            return Part.missing(source.name(), "not an OpenAPI document");
        }
        return Part.of(source.name(), document);
    }

    private static String reason(Throwable error) {
        if (error instanceof WebClientResponseException answer) {
            return "answered HTTP " + answer.getStatusCode().value();
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException
                    || cause instanceof ConnectTimeoutException) {
                return "no answer within the timeout";
            }
            if (cause instanceof ConnectException) {
                return "unreachable";
            }
            if (cause instanceof JacksonException) {
                return "not JSON";
            }
        }
        return "not readable: " + error.getClass().getSimpleName();
    }
}
