package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.web.TomcatScratchConfiguration.TomcatScratchFolders;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A stopped service leaves no Tomcat scratch folder in the temporary directory. */
class TomcatScratchConfigurationTests {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Test
    void theScratchFolderOfAServiceIsRemovedWhenItStops() {
        Set<Path> folders;
        try (ConfigurableApplicationContext service = PlainServletService.start()) {
            folders = Set.copyOf(service.getBean(TomcatScratchFolders.class).folders());
            assertThat(folders).singleElement().satisfies(folder -> {
                assertThat(folder.getParent()).isEqualTo(TEMP);
                assertThat(folder.resolve("work")).isDirectory();
            });
        }
        assertThat(folders).allSatisfy(folder -> assertThat(folder).doesNotExist());
    }

    @Test
    void aBaseFolderOutsideTheTemporaryDirectoryOrNamedOtherwiseIsNotBootsScratch() {
        TomcatScratchFolders scratch = new TomcatScratchFolders(TEMP);

        assertThat(scratch.isBootsScratch(TEMP.resolve("tomcat.0.12345"))).isTrue();
        assertThat(scratch.isBootsScratch(TEMP.resolve("my-tomcat"))).isFalse();
        assertThat(scratch.isBootsScratch(Path.of("/var/lib/parley/tomcat.8081.1"))).isFalse();
    }
}
