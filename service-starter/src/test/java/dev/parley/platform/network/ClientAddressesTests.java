package dev.parley.platform.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Contract §7's client address, the cases of the edge's and ws-gateway's former tests in one place. */
class ClientAddressesTests {

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverItForwards() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of(""));
        assertThat(addresses.of(ip("203.0.113.7"), List.of("198.51.100.1, 10.0.0.1"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(ip("127.0.0.1"), List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aPeerOutsideTheTrustedRangesIsTheClientWhateverItForwards() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("10.0.0.0/8"));
        assertThat(addresses.of(ip("11.0.0.1"), List.of("203.0.113.7"))).isEqualTo("11.0.0.1");
        // loopback and private addresses are proxies only when configured so (ws-gateway believed any before)
        assertThat(addresses.of(ip("::1"), List.of("203.0.113.7"))).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(addresses.of(ip("192.168.1.2"), List.of("203.0.113.7"))).isEqualTo("192.168.1.2");
    }

    @Test
    void throughATrustedProxyTheClientIsTheRightMostAddressNoTrustedProxyWrote() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("10.0.0.0/8, 192.0.2.10"));
        InetAddress proxy = ip("10.1.2.3");
        assertThat(addresses.of(proxy, List.of("198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // a client that prepends its own entry changes nothing: only the proxies' are believed
        assertThat(addresses.of(proxy, List.of("6.6.6.6", "203.0.113.7, 192.0.2.10"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of(proxy, List.of("1.2.3.4, 198.51.100.1, 10.0.0.7"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(proxy, List.of("1.2.3.4", "10.0.0.9"))).isEqualTo("1.2.3.4"); // two headers, in order
        assertThat(addresses.of(proxy, List.of())).isEqualTo("10.1.2.3");
        assertThat(addresses.of(proxy, List.of("198.51.100.1, , 10.0.0.7"))).isEqualTo("198.51.100.1"); // empty: skipped
    }

    @Test
    void throughOnlyTrustedProxiesTheClientIsTheLeftMostOfThem() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("::1", "fc00::/7"));
        assertThat(addresses.of(ip("::1"), List.of("2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.of(ip("::1"), List.of("fd00::1"))).isEqualTo("fd00:0:0:0:0:0:0:1");
    }

    @Test
    void namesAndGarbageAreNeverResolvedAndEndTheWalkAtTheLastProxy() {
        // a client on the private network could otherwise be any address it liked, one per connection
        ClientAddresses addresses = ClientAddresses.trusting(List.of("127.0.0.0/8", "10.0.0.0/8"));
        assertThat(addresses.of(ip("127.0.0.1"), List.of("evil.example.net"))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(ip("127.0.0.1"), List.of("999.1.1.1"))).isEqualTo("127.0.0.1");
        // a hex word is a host name to InetAddress, and "10.1" an old shorthand: neither is an address here
        assertThat(addresses.of(ip("127.0.0.1"), List.of("cafe"))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(ip("127.0.0.1"), List.of("10.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(addresses.of(ip("127.0.0.1"), List.of("198.51.100.1, 10.1"))).isEqualTo("127.0.0.1");
        assertThat(addresses.of(ip("10.0.0.5"), List.of("198.51.100.1, junk, 10.0.0.7"))).isEqualTo("10.0.0.7");
        // an untrusted entry ends the walk before anything further left is read
        assertThat(addresses.of(ip("10.0.0.5"), List.of("not-an-address, 203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aPeerGivenAsTextIsReadTheSameWay() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("127.0.0.0/8"));
        assertThat(addresses.of("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(addresses.of("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void aSocketPeerIsReadTheSameWayAndOneWithoutAnIpAddressIsItsOwnClient() {
        ClientAddresses addresses = ClientAddresses.trusting(List.of("127.0.0.0/8"));
        assertThat(addresses.of(new InetSocketAddress(ip("127.0.0.1"), 40000), List.of("203.0.113.7")))
                .isEqualTo("203.0.113.7");
        assertThat(addresses.of(new InetSocketAddress(ip("203.0.113.9"), 40000), List.of("198.51.100.1")))
                .isEqualTo("203.0.113.9");
        SocketAddress unix = UnixDomainSocketAddress.of("/run/parley.sock");
        assertThat(addresses.of(unix, List.of("198.51.100.1"))).isEqualTo(unix.toString());
        assertThat(addresses.of((SocketAddress) null, List.of("198.51.100.1"))).isNull();
    }

    @Test
    void rangesAreAddressesOrCidrBlocksAndNothingElse() {
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.31.255.255"))).isTrue();
        assertThat(AddressRange.parse("172.16.0.0/12").contains(ip("172.32.0.0"))).isFalse();
        assertThat(AddressRange.parse("192.0.2.10").contains(ip("192.0.2.11"))).isFalse();
        assertThat(AddressRange.parse("fc00::/7").contains(ip("fdff::1"))).isTrue();
        assertThat(AddressRange.parse("fc00::/7").contains(ip("10.0.0.1"))).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("proxy.example.net")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aServiceTrustsLoopbackAndPrivateNetworksUnlessConfiguredOtherwise() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClientAddressConfiguration.class));
        runner.run(context -> {
            ClientAddresses addresses = context.getBean(ClientAddresses.class);
            for (String proxy : List.of("127.0.0.1", "::1", "10.0.0.5", "172.16.0.1", "192.168.1.2", "169.254.1.1",
                    "100.64.0.1", "fd00::1", "fe80::1")) {
                assertThat(addresses.of(ip(proxy), List.of("198.51.100.1"))).as(proxy).isEqualTo("198.51.100.1");
            }
            assertThat(addresses.of(ip("100.128.0.1"), List.of("198.51.100.1"))).isEqualTo("100.128.0.1");
            assertThat(addresses.of(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        });
        runner.withPropertyValues("parley.network.trusted-proxies=10.0.0.0/8").run(context -> assertThat(
                context.getBean(ClientAddresses.class).of(ip("127.0.0.1"), List.of("198.51.100.1"))).isEqualTo("127.0.0.1"));
        runner.withPropertyValues("parley.network.trusted-proxies=").run(context -> assertThat(
                context.getBean(ClientAddresses.class).trustedProxies()).isEmpty());
        runner.withPropertyValues("parley.network.trusted-proxies=proxy.example.net")
                .run(context -> assertThat(context).hasFailed());
    }

    private static InetAddress ip(String literal) {
        InetAddress address = IpLiteral.parse(literal);
        assertThat(address).as(literal).isNotNull();
        return address;
    }
}
