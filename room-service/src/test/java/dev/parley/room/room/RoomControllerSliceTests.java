package dev.parley.room.room;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.platform.security.CurrentUserConfiguration;
import dev.parley.platform.security.ServletResourceServerConfiguration;
import dev.parley.platform.web.ApiExceptionHandler;
import dev.parley.platform.web.StrictJsonConfiguration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web layer of rooms alone: the starter's resource-server chain, {@code @CurrentUser}, request validation
 * and problem documents — with the room logic stubbed out (its behaviour is RoomTests', against PostgreSQL).
 * A token here is {@code sub.<subject>}, read by a decoder of the test's own.
 */
@WebMvcTest(RoomController.class)
@ImportAutoConfiguration({SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, ServletResourceServerConfiguration.class, CurrentUserConfiguration.class,
        ApiExceptionHandler.class, StrictJsonConfiguration.class})
class RoomControllerSliceTests {

    private static final UUID CALLER = UUID.randomUUID();

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private RoomService service;
    @MockitoBean
    private Rooms rooms;
    @MockitoBean
    private RoomCatalog catalog;

    @Test
    void theCallerIsTheTokensSubject() throws Exception {
        UUID room = UUID.randomUUID();
        mvc.perform(get("/api/rooms/{id}", room).header("Authorization", "Bearer sub." + CALLER))
                .andExpect(status().isOk());

        verify(rooms).view(CALLER, room);
    }

    @Test
    void withoutATokenTheAnswerIs401AsAProblem() throws Exception {
        mvc.perform(get("/api/rooms/{id}", UUID.randomUUID()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(rooms);
    }

    @Test
    void aTokenWhoseSubjectIsNoUserIdIsRefused() throws Exception {
        mvc.perform(get("/api/rooms/{id}", UUID.randomUUID()).header("Authorization", "Bearer sub.service-account"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
        verifyNoInteractions(rooms);
    }

    @Test
    void anInvalidRoomIsRefusedFieldByFieldBeforeAnyRoomLogicRuns() throws Exception {
        mvc.perform(post("/api/rooms").header("Authorization", "Bearer sub." + CALLER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  \",\"visibility\":\"secret\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'visibility')]").exists());
        verifyNoInteractions(service);
    }

    @Test
    void aValidRoomGoesToTheRoomLogicWithTheCaller() throws Exception {
        mvc.perform(post("/api/rooms").header("Authorization", "Bearer sub." + CALLER)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"general\",\"visibility\":\"public\"}"))
                .andExpect(status().isCreated());

        verify(service).create(eq(CALLER), any(CreateRoomRequest.class));
    }

    @TestConfiguration
    static class Tokens {

        @Bean
        JwtDecoder jwtDecoder() {
            return token -> {
                if (!token.startsWith("sub.")) {
                    throw new BadJwtException("not a test token");
                }
                return Jwt.withTokenValue(token).header("alg", "none").subject(token.substring(4))
                        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
            };
        }
    }
}
