package dev.parley.message.mentions;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param groupId consumer group of the usernames projection (parley.user-events.v1, read from the beginning) */
@Validated
@ConfigurationProperties("parley.message.users")
public record UserDirectoryProperties(@NotBlank @DefaultValue("message-service-users") String groupId) {
}
