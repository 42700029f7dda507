package dev.parley.bench.hostile;

import dev.parley.bench.api.Problem;
import dev.parley.events.ProblemDocument;
import java.net.http.HttpResponse;

/**
 * The bar every answer through the edge is held to, whatever was asked (contract §2): never a 5xx, and
 * every error a whole problem document ({@link ProblemDocument}: problem+json whose {@code status} is the HTTP
 * status, with a {@code title}, a {@code detail} and a {@code code}); a 429 also says when to come back
 * ({@code Retry-After}).
 */
final class HttpVerdict {

    static final String SERVER_ERROR = "http 5xx";
    static final String NOT_PROBLEM = "http error that is not a whole problem document";
    static final String NO_RETRY_AFTER = "http 429 without Retry-After";
    static final String NO_ANSWER = "http request without an answer";

    private HttpVerdict() {
    }

    /** Records the answer under its status, and a failure when it breaks the bar; returns the problem's code. */
    static String judge(HttpResponse<String> response, String request, Tally tally) {
        int status = response.statusCode();
        tally.count("http " + status);
        String shown = request + " → " + status + " " + response.headers().firstValue("Content-Type").orElse("")
                + " " + response.body();
        if (status >= 500) {
            tally.fail(SERVER_ERROR, shown);
            return null;
        }
        if (status < 400) {
            return null;
        }
        ProblemDocument problem = Problem.read(response);
        if (!problem.whole()) {
            tally.fail(NOT_PROBLEM, String.join(", ", problem.defects()) + ": " + shown);
        }
        if (status == 429 && response.headers().firstValue("Retry-After").isEmpty()) {
            tally.fail(NO_RETRY_AFTER, shown);
        }
        return problem.code();
    }
}
