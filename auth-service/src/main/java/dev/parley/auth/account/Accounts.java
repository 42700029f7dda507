package dev.parley.auth.account;

import dev.parley.platform.web.ApiException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The account feature's facade: registration, credential checks and profile reads and edits. */
@Service
public class Accounts {

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    /** Checked against when the username is unknown, so that both paths cost one hash. */
    private final String decoyHash;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    @Transactional
    public User register(String username, String password, String displayName) {
        if (repository.findByUsernameIgnoreCase(username).isPresent()) {
            throw usernameTaken();
        }
        String name = displayName == null ? username : displayName;
        Account account = new Account(UUID.randomUUID(), username, name, passwordEncoder.encode(password),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            return repository.saveAndFlush(account).toUser();
        } catch (DataIntegrityViolationException raced) {
            throw usernameTaken();
        }
    }

    /** The user whose credentials these are; empty for an unknown username or a wrong password alike. */
    @Transactional(readOnly = true)
    public Optional<User> authenticate(String username, String password) {
        Optional<Account> account = repository.findByUsernameIgnoreCase(username);
        String hash = account.map(Account::passwordHash).orElse(decoyHash);
        boolean matches = passwordEncoder.matches(password, hash);
        return account.filter(found -> matches).map(Account::toUser);
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return repository.findById(id).map(Account::toUser)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "user_not_found", "No such user."));
    }

    @Transactional
    public User rename(UUID id, String displayName) {
        Account account = repository.findById(id)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "user_not_found", "No such user."));
        account.rename(displayName);
        return account.toUser();
    }

    /** Users whose username starts with {@code prefix}, ordered by username, after the cursor. */
    @Transactional(readOnly = true)
    public List<User> search(String prefix, String afterUsername, int limit) {
        String escaped = prefix.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return repository.searchByPrefix(escaped + "%", afterUsername.toLowerCase(), limit).stream()
                .map(Account::toUser)
                .toList();
    }

    private static ApiException usernameTaken() {
        return new ApiException(HttpStatus.CONFLICT, "username_taken", "That username is taken.");
    }
}
