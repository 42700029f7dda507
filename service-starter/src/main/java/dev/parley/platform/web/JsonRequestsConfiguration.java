package dev.parley.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Registers {@link JsonRequests} first of all filters, before security or anything else reads a request. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ParleyWebProperties.class)
public class JsonRequestsConfiguration {

    @Bean
    FilterRegistrationBean<JsonRequests> parleyJsonRequests(JsonMapper jsonMapper, ParleyWebProperties properties) {
        FilterRegistrationBean<JsonRequests> registration = new FilterRegistrationBean<>(
                new JsonRequests(new ProblemResponses(jsonMapper), properties.uploadPaths()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
