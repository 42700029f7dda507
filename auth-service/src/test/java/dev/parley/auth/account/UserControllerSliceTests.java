package dev.parley.auth.account;

import static dev.parley.testing.ProblemAssert.problem;
import static org.mockito.ArgumentMatchers.any;
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
 * The web layer of accounts alone: which endpoints are open (contract §2: registering needs no token, the
 * caller's own account does), how a registration is validated, and who "me" is — accounts themselves are
 * stubbed (AuthApiTests has them against PostgreSQL).
 */
@WebMvcTest(UserController.class)
class UserControllerSliceTests {

    @Autowired
    private MockMvc mvc;
    @MockitoBean
    private Accounts accounts;

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    @Test
    void registeringNeedsNoTokenButAValidRequest() throws Exception {
        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"ada lovelace\",\"password\":\"short\"}"))
                .andExpect(problem(400, "validation_failed"))
                .andExpect(jsonPath("$.errors[?(@.field == 'username')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'password')]").exists());
        verifyNoInteractions(accounts);

        mvc.perform(post("/api/auth/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"ada\",\"password\":\"correct horse battery staple\"}"))
                .andExpect(status().isCreated());
        verify(accounts).register(any(), any(), any());
    }

    @Test
    void meIsTheTokensSubjectAndNeedsAToken() throws Exception {
        UUID caller = UUID.randomUUID();
        mvc.perform(get("/api/users/me")).andExpect(problem(401, "unauthorized"));
        verifyNoInteractions(accounts);

        mvc.perform(get("/api/users/me").header("Authorization", "Bearer " + TestTokens.shared().accessToken(caller, "ada")))
                .andExpect(status().isOk());
        verify(accounts).get(caller);
    }
}
