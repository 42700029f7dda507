package dev.parley.auth.account;

import dev.parley.platform.security.CurrentUser;
import dev.parley.platform.web.ApiException;
import dev.parley.platform.web.PageLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserController {


    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record Registration(
            @NotNull @Size(min = 3, max = 32) @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_.-]*",
                    message = "only letters, digits, '_', '.' and '-'") String username,
            @NotNull @Password String password,
            @DisplayName String displayName) {
    }

    record Rename(@NotNull @DisplayName String displayName) {
    }

    record UserPage(List<User> items, String nextCursor) {
    }

    @Operation(summary = "Register a user", responses = {
            @ApiResponse(responseCode = "201", description = "the User"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "409", description = "username_taken"),
            @ApiResponse(responseCode = "503", description = "service_unavailable, with Retry-After: too many sign-ins at once; try again shortly")})
    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    User register(@Valid @RequestBody Registration registration) {
        return accounts.register(registration.username(), registration.password(), registration.displayName());
    }

    @Operation(summary = "The caller", responses = {
            @ApiResponse(responseCode = "200", description = "the User"),
            @ApiResponse(responseCode = "401", description = "unauthorized")})
    @SecurityRequirement(name = "bearer")
    @GetMapping("/api/users/me")
    User me(@CurrentUser UUID caller) {
        return accounts.get(caller);
    }

    @Operation(summary = "Change the caller's display name", responses = {
            @ApiResponse(responseCode = "200", description = "the User"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "401", description = "unauthorized")})
    @SecurityRequirement(name = "bearer")
    @PatchMapping("/api/users/me")
    User rename(@CurrentUser UUID caller, @Valid @RequestBody Rename rename) {
        return accounts.rename(caller, rename.displayName());
    }

    @Operation(summary = "A user by id", responses = {
            @ApiResponse(responseCode = "200", description = "the User"),
            @ApiResponse(responseCode = "401", description = "unauthorized"),
            @ApiResponse(responseCode = "404", description = "user_not_found")})
    @SecurityRequirement(name = "bearer")
    @GetMapping("/api/users/{id}")
    User user(@PathVariable UUID id) {
        return accounts.get(id);
    }

    /** Prefix search; the cursor is the last username of the previous page. */
    @Operation(summary = "Users whose username starts with q", responses = {
            @ApiResponse(responseCode = "200", description = "{items, nextCursor}"),
            @ApiResponse(responseCode = "400", description = "validation_failed"),
            @ApiResponse(responseCode = "401", description = "unauthorized")})
    @SecurityRequirement(name = "bearer")
    @GetMapping("/api/users")
    UserPage search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = PageLimits.DEFAULT_LIMIT) int limit,
                    @RequestParam(defaultValue = "") String cursor) {
        if (limit <= 0) {
            throw ApiException.invalid("limit", "must be positive");
        }
        refuseNul("q", q);
        refuseNul("cursor", cursor);
        int size = PageLimits.clamp(limit);
        List<User> page = accounts.search(q, cursor, size + 1);
        boolean more = page.size() > size;
        List<User> items = more ? page.subList(0, size) : page;
        return new UserPage(items, more ? items.getLast().username() : null);
    }

    /** PostgreSQL cannot take U+0000 in text; no username contains it anyway. */
    private static void refuseNul(String parameter, String value) {
        if (value.indexOf('\0') >= 0) {
            throw ApiException.invalid(parameter, "must not contain U+0000");
        }
    }
}
