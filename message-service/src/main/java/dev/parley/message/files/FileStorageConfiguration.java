package dev.parley.message.files;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The storage {@code parley.files.storage} names: a local directory (the default) or an S3-compatible store. */
@Configuration(proxyBeanMethods = false)
class FileStorageConfiguration {

    @Bean
    FileStorage fileStorage(FilesProperties properties) {
        return switch (properties.storage()) {
            case LOCAL -> new LocalFileStorage(properties.local().directory());
            case S3 -> S3FileStorage.create(properties.s3());
        };
    }
}
