package dev.parley.auth.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keys from a mounted file: a JWK Set of RSA private keys with {@code kid}s, the first one signing.
 * Re-read on every check, so updating the secret rotates without a restart. To publish ahead (ADR
 * 0014), add the new key last, let the publish-ahead time pass, then put it first; keep the old one
 * listed until its tokens have expired.
 */
class FileKeySource implements KeySource {

    private final Path file;

    FileKeySource(Path file) {
        this.file = file;
    }

    @Override
    public List<StoredKey> load() {
        try {
            List<StoredKey> keys = JWKSet.load(file.toFile()).getKeys().stream()
                    .filter(key -> key instanceof RSAKey rsa && rsa.isPrivate() && key.getKeyID() != null)
                    .map(key -> new StoredKey(key.toRSAKey(), Instant.EPOCH)) // the file's order decides
                    .toList();
            if (keys.isEmpty()) {
                throw new IllegalStateException(file + " holds no RSA private key with a kid");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing keys from " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not a JWK Set", e);
        }
    }

    @Override
    public Optional<StoredKey> rotate(boolean force) {
        if (force) {
            throw new UnsupportedOperationException(
                    "Keys come from " + file + ": rotate by putting a new key first in that file");
        }
        return Optional.empty();
    }

    @Override
    public void retire(Instant now, Duration tokenLifetime) {
        // the file's owner decides which keys are listed
    }

    @Override
    public List<KeyInfo> describe() {
        return load().stream().map(stored -> new KeyInfo(stored.key().getKeyID(), null, null, null)).toList();
    }
}
