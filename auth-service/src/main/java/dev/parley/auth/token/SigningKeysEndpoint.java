package dev.parley.auth.token;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/signingkeys} lists the keys, {@code POST /actuator/signingkeys} rotates now.
 * Open to internal callers only (see {@link ManagementAccess}); the api-gateway never routes /actuator.
 */
@Component
@Endpoint(id = "signingkeys")
class SigningKeysEndpoint {

    private final SigningKeys keys;

    SigningKeysEndpoint(SigningKeys keys) {
        this.keys = keys;
    }

    @ReadOperation
    Map<String, Object> keys() {
        List<KeySource.KeyInfo> all = keys.describe();
        return Map.of("signingKid", keys.current().getKeyID(), "keys", all);
    }

    @WriteOperation
    Map<String, String> rotate() {
        return Map.of("signingKid", keys.rotateNow());
    }
}
