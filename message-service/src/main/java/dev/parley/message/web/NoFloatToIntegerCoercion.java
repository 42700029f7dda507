package dev.parley.message.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * {@code {"seq": 1.5}} is a wrong JSON type (contract §2: no silent coercion), not seq 1. The platform's
 * strict JSON refuses string/number coercions but lets Jackson truncate floats to integers; until it does
 * (requested for service-starter), this service refuses them itself.
 */
@Configuration(proxyBeanMethods = false)
class NoFloatToIntegerCoercion {

    @Bean
    JsonMapperBuilderCustomizer refuseFloatsForIntegers() {
        return builder -> builder.withCoercionConfig(LogicalType.Integer,
                integers -> integers.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}
