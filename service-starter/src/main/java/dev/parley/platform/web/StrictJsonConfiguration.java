package dev.parley.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON requests are read strictly: a number where a string belongs (or the reverse), or an empty or blank
 * string where an id, number, time or enum belongs, is a 400, not a silent coercion (contract §2). Unknown
 * properties are tolerated so clients may evolve.
 */
@AutoConfiguration
public class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer parleyStrictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // {"seq": 1.5} is a wrong type, not seq 1
                .withCoercionConfig(LogicalType.Integer, integers -> integers
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                // {"userId": ""} or "  " is a wrong type, not an absent userId (a join became a self-join); nor
                // is it a null number, time or enum. A String field takes "" as it is: no coercion there.
                .withCoercionConfigDefaults(defaults -> defaults
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }
}
