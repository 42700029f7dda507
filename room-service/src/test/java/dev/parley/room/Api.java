package dev.parley.room;

import dev.parley.testing.ProblemAssert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of the running service: raw bodies in (malformed JSON included), JSON out. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** {@code body} null sends no body and no content type. */
    Response post(String path, String token, String body) {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            return send(request.POST(HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON POST that continues the caller's trace (W3C {@code traceparent}), as api-gateway's requests do. */
    Response post(String path, String token, String body, String traceparent) {
        return send(request(path, token).header("traceparent", traceparent).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response patch(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Response put(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            boolean json = contentType.contains("json") && !response.body().isEmpty();
            return new Response(response.statusCode(), contentType,
                    json ? JSON.readTree(response.body()) : JSON.missingNode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer is a whole problem document (contract §2) of this status and code; the document. */
    static JsonNode assertProblem(Response answer, int status, String code) {
        return ProblemAssert.assertProblem(answer.status(), answer.headers().firstValue("Content-Type").orElse(null),
                answer.raw(), status, code);
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** {@code body} is the parsed JSON (missing for other content), {@code raw} the text as received. */
    record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {

        String text(String field) {
            return body.path(field).asString();
        }

        /**
         * {@code "201"}, or {@code "404 room_not_found"} for a problem: what the contract's tables name. An error is
         * checked to be a whole problem document of its status ({@link ProblemAssert}) on the way.
         */
        String outcome() {
            if (status >= 400) {
                assertProblem(this, status, text("code"));
            }
            return body.has("code") ? status + " " + text("code") : String.valueOf(status);
        }

        /**
         * The {@code field} of each entry of a problem's {@code errors}, once the answer is checked to be a whole
         * problem document, 400 {@code validation_failed}.
         */
        java.util.List<String> errorFields() {
            assertProblem(this, 400, "validation_failed");
            return body.path("errors").values().stream().map(error -> error.path("field").asString()).toList();
        }
    }
}
