package dev.parley.auth.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SessionController {

    private final Sessions sessions;

    SessionController(Sessions sessions) {
        this.sessions = sessions;
    }

    record Login(@NotNull @Size(max = 64) String username, @NotNull @Size(max = 256) String password) {
    }

    record Refresh(@NotNull @Size(max = 256) String refreshToken) {
    }

    @PostMapping("/api/auth/login")
    Tokens login(@Valid @RequestBody Login login) {
        return sessions.login(login.username(), login.password());
    }

    @PostMapping("/api/auth/refresh")
    Tokens refresh(@Valid @RequestBody Refresh refresh) {
        return sessions.refresh(refresh.refreshToken());
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@Valid @RequestBody Refresh refresh) {
        sessions.logout(refresh.refreshToken());
    }
}
