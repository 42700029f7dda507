package dev.parley.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.network.ClientAddressConfiguration;
import dev.parley.platform.network.ClientAddresses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

/**
 * Whom the edge believes an {@code X-Forwarded-For} from: nobody unless told, by its documented names
 * ({@code PARLEY_TRUSTED_PROXIES}, {@code parley.edge.trusted-proxies}) — not the private ranges every service behind
 * it trusts by default. The walk itself is service-starter's {@code ClientAddressesTests}.
 */
class TrustedProxiesTests {

    private final ApplicationContextRunner edge = new ApplicationContextRunner()
            .withInitializer(context -> {
                try {
                    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                            .forEach(context.getEnvironment().getPropertySources()::addLast);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })
            .withConfiguration(AutoConfigurations.of(ClientAddressConfiguration.class));

    @Test
    void theEdgeBelievesNoProxyUnlessTold() {
        edge.run(context -> assertThat(clientBehind(context.getBean(ClientAddresses.class), "127.0.0.1"))
                .isEqualTo("127.0.0.1"));
    }

    @Test
    void itsDocumentedNamesSayWhichProxiesItBelieves() {
        edge.withPropertyValues("PARLEY_TRUSTED_PROXIES=127.0.0.0/8, 10.0.0.0/8").run(context -> assertThat(
                clientBehind(context.getBean(ClientAddresses.class), "10.1.2.3")).isEqualTo("203.0.113.7"));
        edge.withPropertyValues("parley.edge.trusted-proxies=192.0.2.10").run(context -> assertThat(
                clientBehind(context.getBean(ClientAddresses.class), "192.0.2.10")).isEqualTo("203.0.113.7"));
    }

    private static String clientBehind(ClientAddresses addresses, String peer) throws Exception {
        return addresses.of(InetAddress.getByName(peer), List.of("203.0.113.7"));
    }
}
