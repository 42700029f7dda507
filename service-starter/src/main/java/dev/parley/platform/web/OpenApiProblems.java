package dev.parley.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The error responses of a service's OpenAPI document as {@link ApiExceptionHandler} answers them (contract §2):
 * every 4xx and 5xx an operation names is {@code application/problem+json} with the {@value #SCHEMA} schema, not
 * the success body springdoc would otherwise attach to it. A service's {@code OpenApiConfiguration} declares one
 * of these as a bean.
 */
public final class OpenApiProblems {

    /** The name of the problem schema; the edge merges the services' documents, so it is the same everywhere. */
    public static final String SCHEMA = "Problem";

    private OpenApiProblems() {
    }

    /** For a service whose operations name their own 401 where they have one (some need no token). */
    public static OpenApiCustomizer errorResponses() {
        return openApi -> describe(openApi, false);
    }

    /** For a service every operation of which needs a bearer token: each also answers 401 without one. */
    public static OpenApiCustomizer errorResponsesAndUnauthorized() {
        return openApi -> describe(openApi, true);
    }

    private static void describe(OpenAPI openApi, boolean everyOperationNeedsAToken) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(SCHEMA, new ObjectSchema()
                .addProperty("type", new StringSchema())
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema().description("stable, machine-readable"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema()))));
        Content problem = new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA)));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (everyOperationNeedsAToken && !operation.getResponses().containsKey("401")) {
                operation.getResponses().addApiResponse("401", new ApiResponse().description("unauthorized"));
            }
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problem);
                }
            });
        }));
    }
}
