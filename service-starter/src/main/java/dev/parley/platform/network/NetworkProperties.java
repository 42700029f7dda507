package dev.parley.platform.network;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may tell a service its client's address ({@link ClientAddresses}).
 *
 * @param trustedProxies addresses and CIDR ranges of the proxies whose {@code X-Forwarded-For} is believed
 *     ({@code PARLEY_NETWORK_TRUSTEDPROXIES}). By default loopback and the private, link-local, carrier-grade NAT
 *     and unique-local ranges: a service behind the edge is reached through it, and the edge's address is one of
 *     those wherever Parley runs (loopback with {@code ./parley up}, the compose network, the pod network). The
 *     edge itself, which clients reach directly, trusts none unless told ({@code PARLEY_TRUSTED_PROXIES}, the
 *     api-gateway's {@code application.yml}).
 */
@ConfigurationProperties("parley.network")
public record NetworkProperties(@DefaultValue({"127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "169.254.0.0/16", "fe80::/10", "100.64.0.0/10", "fc00::/7"}) List<String> trustedProxies) {
}
