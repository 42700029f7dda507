package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** Contract §2: wrong JSON types are validation errors, never silently coerced. */
class StrictJsonConfigurationTests {

    record Body(String name, long seq, boolean flag) {
    }

    enum Kind { A }

    record Scalars(UUID userId, Long count, BigDecimal amount, Boolean flag, Instant at, Kind kind, List<UUID> ids) {
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"userId\":\"\"}", "{\"userId\":\"  \"}", "{\"count\":\"\"}", "{\"count\":\" \"}",
            "{\"amount\":\" \"}", "{\"flag\":\" \"}", "{\"at\":\"\"}", "{\"kind\":\"\"}", "{\"ids\":[\"\"]}"})
    void anEmptyOrBlankStringWhereAnIdNumberTimeOrEnumBelongsIsRefusedNotReadAsNull(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Scalars.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void anEmptyStringIsAStringAndNullIsAbsent() {
        assertThat(mapper.readValue("{\"name\":\"\",\"seq\":1,\"flag\":true}", Body.class).name()).isEmpty();
        assertThat(mapper.readValue("{\"userId\":null}", Scalars.class).userId()).isNull();
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
