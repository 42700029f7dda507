package dev.parley.room.roster;

import dev.parley.room.membership.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code owner} hands the room over (an extension of the contract's {@code admin|member}). */
record RoleRequest(
        @NotNull @Pattern(regexp = "owner|admin|member", message = "must be \"owner\", \"admin\" or \"member\"")
        String role) {

    Role value() {
        return Role.fromWireName(role);
    }
}
