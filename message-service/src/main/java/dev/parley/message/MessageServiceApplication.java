package dev.parley.message;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Messages with a gap-free per-room sequence, exactly-once effect on send, and history. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessageServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MessageServiceApplication.class, args);
    }
}
