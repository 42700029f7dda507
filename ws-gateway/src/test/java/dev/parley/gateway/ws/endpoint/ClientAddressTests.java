package dev.parley.gateway.ws.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressTests {

    @Test
    void aPublicPeerIsTheClientWhateverItForwards() {
        assertThat(ClientAddress.of(peer("203.0.113.9"), forwarded("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behindAnInternalProxyTheClientIsTheRightMostAddressNoProxyWrote() {
        assertThat(ClientAddress.of(peer("127.0.0.1"), forwarded("198.51.100.1"))).isEqualTo("198.51.100.1");
        // what the client itself put to the left proves nothing
        assertThat(ClientAddress.of(peer("10.0.0.5"), forwarded("1.2.3.4, 198.51.100.1, 10.0.0.7")))
                .isEqualTo("198.51.100.1");
        HttpHeaders twoHeaders = new DefaultHttpHeaders().add("X-Forwarded-For", "1.2.3.4").add("X-Forwarded-For", "192.168.1.2");
        assertThat(ClientAddress.of(peer("172.16.0.1"), twoHeaders)).isEqualTo("1.2.3.4");
    }

    @Test
    void namesAndGarbageAreNeverResolvedAndEndTheWalkAtTheLastProxy() {
        // a client on the private network could otherwise be any address it liked, one per connection
        assertThat(ClientAddress.of(peer("127.0.0.1"), forwarded("evil.example.net"))).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(peer("127.0.0.1"), forwarded("999.1.1.1"))).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(peer("10.0.0.5"), forwarded("198.51.100.1, junk, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(ClientAddress.of(peer("127.0.0.1"), new DefaultHttpHeaders())).isEqualTo("127.0.0.1");
        assertThat(ClientAddress.of(peer("::1"), forwarded("2001:db8::1"))).isEqualTo("2001:db8::1");
        assertThat(ClientAddress.of(peer("::1"), forwarded("fd00::1"))).isEqualTo("fd00::1"); // only proxies: the last
    }

    private static InetSocketAddress peer(String address) {
        return new InetSocketAddress(address, 40000);
    }

    private static HttpHeaders forwarded(String value) {
        return new DefaultHttpHeaders().add("X-Forwarded-For", value);
    }
}
