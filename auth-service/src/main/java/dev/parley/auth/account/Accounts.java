package dev.parley.auth.account;

import dev.parley.events.Topic;
import dev.parley.events.user.UserRegistered;
import dev.parley.events.user.UserUpdated;
import dev.parley.platform.outbox.EventOutbox;
import dev.parley.platform.web.ApiException;
import java.time.Duration;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account feature's facade: registration, credential checks and profile reads and edits. Every
 * change publishes its event on parley.user-events.v1 through the outbox, so other services (room-service's
 * user directory) learn of it if and only if it committed; a change is answered once its event is in
 * Kafka, or after {@link #EVENT_WAIT} while Kafka is away (the event follows when it is back).
 */
@Service
public class Accounts {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(2);

    private final AccountRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final EventOutbox outbox;
    private final TransactionTemplate transactions;
    /** Checked against when the username is unknown, so that both paths cost one hash. */
    private final String decoyHash;

    Accounts(AccountRepository repository, PasswordEncoder passwordEncoder, EventOutbox outbox,
             TransactionTemplate transactions) {
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.outbox = outbox;
        this.transactions = transactions;
        this.decoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
    }

    public User register(String username, String password, String displayName) {
        // the cheap check first, so a taken username costs no hashing; the unique index settles races
        if (repository.findByUsernameIgnoreCase(username).isPresent()) {
            throw usernameTaken();
        }
        String hash = passwordEncoder.encode(password);
        Published<User> registered = transactions.execute(status -> {
            String name = displayName == null ? username : displayName;
            Account account = new Account(UUID.randomUUID(), username, name, hash,
                    Instant.now().truncatedTo(ChronoUnit.MICROS));
            User user;
            try {
                user = repository.saveAndFlush(account).toUser();
            } catch (DataIntegrityViolationException raced) {
                throw usernameTaken();
            }
            return new Published<>(user, outbox.append(Topic.USER_EVENTS,
                    new UserRegistered(user.id(), user.username(), user.displayName(), user.createdAt())));
        });
        return registered.awaitIn(outbox);
    }

    /** A committed change and the outbox row of its event (null when nothing changed, so nothing was appended). */
    private record Published<T>(T value, Long outboxId) {

        static <T> Published<T> unchanged(T value) {
            return new Published<>(value, null);
        }

        T awaitIn(EventOutbox outbox) {
            if (outboxId != null) {
                outbox.awaitPublished(List.of(outboxId), EVENT_WAIT);
            }
            return value;
        }
    }

    /**
     * The user whose credentials these are; empty for an unknown username or a wrong password alike. Not in a
     * transaction: the account is read in one of its own, and the hash runs after it has ended, so a sign-in
     * waiting for its turn to hash ({@link BoundedHashing}) holds no database connection that refreshes and
     * reads need.
     */
    public Optional<User> authenticate(String username, String password) {
        // PostgreSQL cannot take U+0000, and no username contains it: such a name is simply unknown
        Optional<Account> account = username.indexOf('\0') >= 0
                ? Optional.empty() : repository.findByUsernameIgnoreCase(username);
        String hash = account.map(Account::passwordHash).orElse(decoyHash);
        boolean matches = passwordEncoder.matches(password, hash);
        return account.filter(found -> matches).map(Account::toUser);
    }

    @Transactional(readOnly = true)
    public User get(UUID id) {
        return repository.findById(id).map(Account::toUser)
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiException.USER_NOT_FOUND, "No such user."));
    }

    /**
     * The user with the new display name. A name equal to the current one changes nothing and publishes nothing:
     * parley.user-events.v1 is kept forever and replayed by every consumer, so a client repeating its PATCH must
     * not grow it.
     */
    public User rename(UUID id, String displayName) {
        Published<User> renamed = transactions.execute(status -> {
            // the row lock orders concurrent renames of one user, and so their events
            Account account = repository.findByIdForUpdate(id)
                    .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, ApiException.USER_NOT_FOUND, "No such user."));
            if (!account.rename(displayName)) {
                return Published.unchanged(account.toUser());
            }
            User user = account.toUser();
            return new Published<>(user, outbox.append(Topic.USER_EVENTS,
                    new UserUpdated(user.id(), user.username(), user.displayName(),
                            Instant.now().truncatedTo(ChronoUnit.MICROS))));
        });
        return renamed.awaitIn(outbox);
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
