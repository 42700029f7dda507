package dev.parley.auth;

import dev.parley.platform.web.OpenApiProblems;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at /v3/api-docs: errors are problem+json with a stable {@code code}, and the
 * error responses the controllers name are described as such, not as their success body. Only some
 * endpoints need a bearer token; those name their 401 themselves.
 */
@Configuration
@OpenAPIDefinition(info = @Info(title = "Parley auth-service", version = "1",
        description = "Users, credentials and tokens (contract §2 Auth). Errors are RFC 9457 "
                + "application/problem+json with status, title, detail and a stable code."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {

    @Bean
    OpenApiCustomizer problemResponses() {
        return OpenApiProblems.errorResponses();
    }
}
