package dev.parley.bench.api;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The users a run connects as, registered and logged in through the API. Registering and logging
 * in each cost a BCrypt hash (tens of milliseconds of auth-service CPU), so with a cache file the
 * users of earlier runs are kept and brought back with their refresh token — no hash at all.
 * Registration comes first and login only for a user that exists, so no login ever fails (failed
 * logins count towards the contract's brute-force limit per address).
 */
public final class BenchUsers {

    static final String PASSWORD = "parley-bench-password";

    private final ParleyApi api;
    private final String prefix;
    private final Path cacheFile;
    private final int concurrency;
    private final Properties cache = new Properties();

    /** @param cacheFile where refresh tokens are kept between runs; null for throwaway users */
    public BenchUsers(ParleyApi api, String prefix, Path cacheFile, int concurrency) {
        this.api = api;
        this.prefix = prefix;
        this.cacheFile = cacheFile;
        this.concurrency = concurrency;
        if (cacheFile != null && Files.exists(cacheFile)) {
            try (Reader in = Files.newBufferedReader(cacheFile)) {
                cache.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Users 0 … count−1 of this prefix, each with a fresh access token. */
    public List<BenchUser> obtain(int count, Consumer<String> progress) {
        AtomicInteger done = new AtomicInteger();
        int retriedBefore = api.signInRetries();
        int busyBefore = api.busySignInRetries();
        try {
            return Parallel.run(count, concurrency, "setting up the bench users", index -> {
                BenchUser user = obtain(index);
                int finished = done.incrementAndGet();
                if (finished % 500 == 0 && finished < count) {
                    progress.accept("  users " + finished + "/" + count);
                }
                return user;
            });
        } finally {
            save();
            int retried = api.signInRetries() - retriedBefore;
            int busy = api.busySignInRetries() - busyBefore;
            if (retried > 0) {
                progress.accept("  registrations and logins tried again: " + retried + " (" + busy
                        + " after auth-service's busy 503 with Retry-After, " + (retried - busy)
                        + " after a 502 or a 503 without it)");
            }
        }
    }

    /** A fresh access token for a bench user whose token expired or was refused: logs in again. */
    public static String logInAgain(ParleyApi api, String username) {
        return api.login(username, PASSWORD).accessToken();
    }

    private BenchUser obtain(int index) {
        String username = "%s-%05d".formatted(prefix, index);
        String cached;
        synchronized (cache) {
            cached = cache.getProperty(username);
        }
        ParleyApi.Tokens tokens = cached == null ? null : api.refresh(cached);
        if (tokens == null) {
            api.register(username, PASSWORD);
            tokens = api.login(username, PASSWORD);
        }
        synchronized (cache) {
            cache.setProperty(username, tokens.refreshToken());
        }
        return new BenchUser(index, tokens.userId(), username, tokens.accessToken());
    }

    private void save() {
        if (cacheFile == null) {
            return;
        }
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            try (Writer out = Files.newBufferedWriter(cacheFile)) {
                synchronized (cache) {
                    cache.store(out, "refresh tokens of ./parley bench users (local platform only)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
