package dev.parley.message.web;

import dev.parley.platform.web.OpenApiProblems;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at /v3/api-docs. Every endpoint needs a bearer token (401 otherwise), so
 * the requirement is document-wide, and every error is problem+json with a stable {@code code}: the error
 * responses the controllers name are described as such, not as their success body — as in room-service's.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Parley message-service", version = "1",
        description = "Messages, history and read markers (contract §2 Messages). Errors are RFC 9457 "
                + "application/problem+json with status, title, detail and a stable code."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {

    @Bean
    OpenApiCustomizer problemResponses() {
        return OpenApiProblems.errorResponsesAndUnauthorized();
    }
}
