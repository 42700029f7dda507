package dev.parley.auth.session;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, UUID> {

    /** Locked, so that two concurrent refreshes with one token cannot both succeed. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from RefreshToken t where t.tokenHash = :hash")
    Optional<RefreshToken> findForUpdate(@Param("hash") String hash);

    @Modifying
    @Query("update RefreshToken t set t.revokedAt = :now where t.familyId = :family and t.revokedAt is null")
    int revokeFamily(@Param("family") UUID family, @Param("now") Instant now);

    /**
     * Deletes up to {@code limit} tokens that expired before {@code now}, in a transaction of its own (index
     * {@code refresh_tokens_expires_at}). Rows another transaction holds are skipped, not waited for: a concurrent
     * purge takes others, and what is left goes next time.
     */
    @Transactional
    @Modifying
    @Query(value = """
            delete from refresh_tokens where id in (
                select id from refresh_tokens
                where expires_at < :now
                limit :limit
                for update skip locked)""", nativeQuery = true)
    int deleteExpired(@Param("now") Instant now, @Param("limit") int limit);
}
