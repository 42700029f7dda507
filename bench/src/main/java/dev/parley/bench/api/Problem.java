package dev.parley.bench.api;

import dev.parley.events.ProblemDocument;
import java.net.http.HttpResponse;

/** An error answer read as contract §2's problem document ({@link ProblemDocument}, the one definition of it). */
public final class Problem {

    private Problem() {
    }

    /** The answer as a problem document: whole or not, and what it lacks. */
    public static ProblemDocument read(HttpResponse<String> response) {
        return ProblemDocument.read(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }
}
