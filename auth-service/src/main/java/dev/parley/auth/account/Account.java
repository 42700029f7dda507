package dev.parley.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "accounts")
class Account {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
    }

    Account(UUID id, String username, String displayName, String passwordHash, Instant createdAt) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    UUID id() {
        return id;
    }

    String passwordHash() {
        return passwordHash;
    }

    /** Whether the display name changed: renaming to the current name is no change. */
    boolean rename(String newDisplayName) {
        if (displayName.equals(newDisplayName)) {
            return false;
        }
        this.displayName = newDisplayName;
        return true;
    }

    User toUser() {
        return new User(id, username, displayName, createdAt);
    }
}
