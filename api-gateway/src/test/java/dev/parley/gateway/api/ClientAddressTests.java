package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTests {

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverItForwards() throws Exception {
        ClientAddress addresses = new ClientAddress("");
        assertThat(addresses.of(InetAddress.getByName("203.0.113.7"), List.of("198.51.100.1, 10.0.0.1")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void throughATrustedProxyTheClientIsTheLastAddressItWasGiven() throws Exception {
        ClientAddress addresses = new ClientAddress("10.0.0.0/8, 192.0.2.10");
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        assertThat(addresses.of(proxy, List.of("198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // a client that prepends its own entry changes nothing: only the proxies' are believed
        assertThat(addresses.of(proxy, List.of("6.6.6.6", "203.0.113.7, 192.0.2.10"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(proxy, List.of())).isEqualTo("10.1.2.3");
        assertThat(addresses.of(proxy, List.of("not-an-address, 203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aPeerOutsideTheTrustedRangesIsTheClient() throws Exception {
        ClientAddress addresses = new ClientAddress("10.0.0.0/8");
        assertThat(addresses.of(InetAddress.getByName("11.0.0.1"), List.of("203.0.113.7"))).isEqualTo("11.0.0.1");
        assertThat(addresses.of(InetAddress.getByName("::1"), List.of("203.0.113.7"))).isEqualTo("0:0:0:0:0:0:0:1");
    }
}
