package dev.parley.bench.api;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an error answer must be to be a clear one (contract §2): problem+json with a {@code code}. */
public final class Problem {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problem() {
    }

    /** The answer's problem code, or null when it is not problem+json with a code. */
    public static String code(HttpResponse<String> response) {
        boolean problem = response.headers().firstValue("Content-Type")
                .map(type -> type.startsWith("application/problem+json")).orElse(false);
        if (!problem) {
            return null;
        }
        try {
            JsonNode code = JSON.readTree(response.body()).path("code");
            return code.isString() && !code.asString().isBlank() ? code.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
