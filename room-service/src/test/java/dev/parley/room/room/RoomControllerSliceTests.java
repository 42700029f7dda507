package dev.parley.room.room;

import static dev.parley.testing.ProblemAssert.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.parley.testing.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web layer of rooms alone — the starter's resource-server chain with real tokens, {@code @CurrentUser},
 * request validation and problem documents, which the starter puts into every {@code @WebMvcTest} — with the
 * room logic stubbed out (its behaviour is the integration tests', against PostgreSQL).
 */
@WebMvcTest(RoomController.class)
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

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    @Test
    void theCallerIsTheTokensSubject() throws Exception {
        UUID room = UUID.randomUUID();
        mvc.perform(get("/api/rooms/{id}", room).header("Authorization", bearer(CALLER))).andExpect(status().isOk());

        verify(rooms).view(CALLER, room);
    }

    @Test
    void withoutAValidTokenTheAnswerIs401AsAProblem() throws Exception {
        mvc.perform(get("/api/rooms/{id}", UUID.randomUUID()))
                .andExpect(problem(401, "unauthorized"));
        mvc.perform(get("/api/rooms/{id}", UUID.randomUUID())
                        .header("Authorization", "Bearer " + TestTokens.shared().expired(CALLER)))
                .andExpect(problem(401, "unauthorized"));
        verifyNoInteractions(rooms);
    }

    /** Contract §2: a path under /api/rooms that nothing serves is a problem with a code too, not an empty 404. */
    @Test
    void aPathUnderRoomsThatNothingServesIsANotFoundProblem() throws Exception {
        mvc.perform(get("/api/rooms/{id}/nope", UUID.randomUUID()).header("Authorization", bearer(CALLER)))
                .andExpect(problem(404, "not_found"));
        verifyNoInteractions(rooms, service);
    }

    @Test
    void anInvalidRoomIsRefusedFieldByFieldBeforeAnyRoomLogicRuns() throws Exception {
        mvc.perform(post("/api/rooms").header("Authorization", bearer(CALLER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"  \",\"visibility\":\"secret\"}"))
                .andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'visibility')]").exists());
        verifyNoInteractions(service);
    }

    @Test
    void aValidRoomGoesToTheRoomLogicWithTheCaller() throws Exception {
        mvc.perform(post("/api/rooms").header("Authorization", bearer(CALLER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"general\",\"visibility\":\"public\"}"))
                .andExpect(status().isCreated());

        verify(service).create(eq(CALLER), any(CreateRoomRequest.class));
    }

    private static String bearer(UUID userId) {
        return "Bearer " + TestTokens.shared().accessToken(userId, "caller");
    }
}
