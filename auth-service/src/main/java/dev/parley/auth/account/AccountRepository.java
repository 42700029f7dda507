package dev.parley.auth.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AccountRepository extends JpaRepository<Account, UUID> {

    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = :id")
    Optional<Account> findByIdForUpdate(@Param("id") UUID id);

    @Query("select a from Account a where lower(a.username) = lower(:username)")
    Optional<Account> findByUsernameIgnoreCase(@Param("username") String username);

    @Query(value = """
            select * from accounts
            where lower(username) like :prefix escape '\\' and lower(username) > :after
            order by lower(username) limit :limit""", nativeQuery = true)
    List<Account> searchByPrefix(@Param("prefix") String prefix, @Param("after") String after,
                                 @Param("limit") int limit);
}
