package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** Every password the contract allows (8–128 characters) can be registered and logged in with. */
class PasswordTests extends AuthIntegrationTest {

    /** U+1F600, four bytes in UTF-8 and two chars in Java. */
    private static final String FOUR_BYTES = new String(Character.toChars(0x1F600));

    @MockitoSpyBean
    PasswordEncoder passwordEncoder;

    @Test
    void aPasswordOf128CharactersRegistersAndLogsIn() {
        registersAndLogsIn("p".repeat(128));
    }

    @Test
    void aPasswordOf128FourByteCharactersRegistersAndLogsIn() {
        registersAndLogsIn(FOUR_BYTES.repeat(128));
    }

    @Test
    void aPasswordOfEightCharactersRegistersAndOneOfSevenIsRefused() {
        registersAndLogsIn("p".repeat(8));
        assertField(register(unique("short"), "p".repeat(7)), "password");
    }

    @Test
    void aPasswordOf129CharactersIsRefused() {
        assertField(register(unique("long"), "p".repeat(129)), "password");
        assertField(register(unique("long"), FOUR_BYTES.repeat(129)), "password");
    }

    @Test
    void longPasswordsThatDifferOnlyAfterTheirFirst72BytesAreDifferent() {
        String username = unique("tail");
        String password = "x".repeat(100);
        assertThat(register(username, password).status()).isEqualTo(201);
        Answer wrong = loginFrom(username, "x".repeat(99) + "y", randomAddress());
        assertProblem(wrong, 401, "invalid_credentials");
        assertProblem(loginFrom(username, "x".repeat(72), randomAddress()), 401, "invalid_credentials");
    }

    @Test
    void registeringATakenUsernameDoesNotHashThePassword() {
        String username = unique("taken");
        assertThat(register(username, "first-password").status()).isEqualTo(201);
        String secondPassword = "second-password-" + username;
        assertProblem(register(username, secondPassword), 409, "username_taken");
        verify(passwordEncoder, never()).encode(eq(secondPassword));
        verify(passwordEncoder, never()).matches(eq(secondPassword), anyString());
    }

    private void registersAndLogsIn(String password) {
        String username = unique("pw");
        Answer registered = register(username, password);
        assertThat(registered.status()).isEqualTo(201);
        Answer tokens = loginFrom(username, password, randomAddress());
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.body().path("accessToken").asString()).isNotBlank();
    }
}
