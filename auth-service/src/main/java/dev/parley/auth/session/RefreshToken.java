package dev.parley.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One link of a login's refresh-token chain (its family). Only the SHA-256 of the token is kept;
 * a token is spent when it is exchanged, and the whole family is revoked on reuse or logout.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    private UUID id;

    @Column(name = "family_id", nullable = false)
    private UUID familyId;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "spent_at")
    private Instant spentAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RefreshToken() {
    }

    RefreshToken(UUID familyId, UUID accountId, String tokenHash, Instant issuedAt, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.familyId = familyId;
        this.accountId = accountId;
        this.tokenHash = tokenHash;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    UUID familyId() {
        return familyId;
    }

    UUID accountId() {
        return accountId;
    }

    boolean isSpent() {
        return spentAt != null;
    }

    boolean isUsableAt(Instant now) {
        return spentAt == null && revokedAt == null && now.isBefore(expiresAt);
    }

    void spend(Instant now) {
        this.spentAt = now;
    }
}
