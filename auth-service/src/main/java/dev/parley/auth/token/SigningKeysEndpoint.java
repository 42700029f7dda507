package dev.parley.auth.token;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/signingkeys} lists the keys; {@code POST /actuator/signingkeys} creates a key,
 * publishes it at once and answers when it starts to sign ({@code publish-ahead} later, ADR 0014).
 * Open to an operator only: internal address and the operator token (see {@link ManagementAccess});
 * the api-gateway never routes /actuator.
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
    Map<String, Object> rotate() {
        SigningKeys.Published next = keys.rotateNow();
        return Map.of("signingKid", keys.current().getKeyID(), "publishedKid", next.kid(),
                "signsFrom", next.signsFrom());
    }
}
