package dev.parley.platform.network;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One {@link ClientAddresses} per service, trusting {@code parley.network.trusted-proxies}; a bad range stops the start. */
@AutoConfiguration
@EnableConfigurationProperties(NetworkProperties.class)
public class ClientAddressConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClientAddresses clientAddresses(NetworkProperties properties) {
        return ClientAddresses.trusting(properties.trustedProxies());
    }
}
