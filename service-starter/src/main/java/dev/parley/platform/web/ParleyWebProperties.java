package dev.parley.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The few requests whose body is not JSON: {@code uploadPaths} are the exact paths where a {@code POST} takes
 * {@code multipart/form-data} instead (message-service's {@code /api/files}), and nothing else.
 */
@ConfigurationProperties("parley.web")
public record ParleyWebProperties(@DefaultValue List<String> uploadPaths) {
}
