package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** Contract §2: wrong JSON types are validation errors, never silently coerced. */
class StrictJsonConfigurationTests {

    record Body(String name, long seq, boolean flag) {
    }

    private final JsonMapper mapper = strictMapper();

    @Test
    void aNumberWhereAStringBelongsIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":5,\"seq\":1,\"flag\":true}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aStringOrAFractionWhereAnIntegerBelongsIsRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"seq\":\"1\",\"flag\":true}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"seq\":1.5,\"flag\":true}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void missingPrimitivesAndNullsForPrimitivesAreRefused() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\",\"seq\":null,\"flag\":true}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void wellTypedBodiesAndUnknownFieldsAreAccepted() {
        assertThat(mapper.readValue("{\"name\":\"a\",\"seq\":7,\"flag\":false,\"later\":1}", Body.class))
                .isEqualTo(new Body("a", 7, false));
    }

    private static JsonMapper strictMapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJsonConfiguration().parleyStrictJson().customize(builder);
        return builder.build();
    }
}
