package dev.parley.auth.token;

import dev.parley.platform.security.ParleySecurityProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JWKS and the OpenID discovery document resource servers and clients read. */
@RestController
class KeyDiscoveryController {

    private final SigningKeys keys;
    private final ParleySecurityProperties security;

    KeyDiscoveryController(SigningKeys keys, ParleySecurityProperties security) {
        this.keys = keys;
        this.security = security;
    }

    @GetMapping(value = "/.well-known/jwks.json", produces = "application/json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }

    @GetMapping(value = "/.well-known/openid-configuration", produces = "application/json")
    Map<String, Object> discovery() {
        String issuer = security.issuer();
        return Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + "/.well-known/jwks.json",
                "token_endpoint", issuer + "/api/auth/login",
                "userinfo_endpoint", issuer + "/api/users/me",
                "response_types_supported", List.of("token"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "claims_supported", List.of("iss", "aud", "sub", "preferred_username", "iat", "exp"));
    }
}
