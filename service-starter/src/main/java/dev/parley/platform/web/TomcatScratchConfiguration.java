package dev.parley.platform.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.util.FileSystemUtils;

/**
 * Removes the scratch folder Spring Boot makes for an embedded Tomcat in the temporary directory
 * ({@code tomcat.<port>.<random>}) when the service's context closes. Boot only asks the JVM to delete it at
 * exit, which a folder with content survives: every stopped service and every test context left one behind.
 * A base folder the deployment names ({@code server.tomcat.basedir}) is its own and kept.
 */
@AutoConfiguration
@ConditionalOnClass(TomcatWebServer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class TomcatScratchConfiguration {

    @Bean
    TomcatScratchFolders tomcatScratchFolders() {
        return new TomcatScratchFolders(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The scratch folders of this context's Tomcats (a separate management server has its own). */
    static final class TomcatScratchFolders implements ApplicationListener<WebServerInitializedEvent>, DisposableBean {

        private static final Logger log = LoggerFactory.getLogger(TomcatScratchFolders.class);

        private final Path temp;
        private final Set<Path> folders = ConcurrentHashMap.newKeySet();

        TomcatScratchFolders(Path temp) {
            this.temp = temp;
        }

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if (event.getWebServer() instanceof TomcatWebServer tomcat) {
                Path base = tomcat.getTomcat().getServer().getCatalinaBase().toPath();
                if (isBootsScratch(base)) {
                    folders.add(base);
                }
            }
        }

        /** Boot's own: {@code tomcat.<port>.<random>} right in the temporary directory. */
        boolean isBootsScratch(Path base) {
            return temp.equals(base.getParent()) && base.getFileName().toString().startsWith("tomcat.");
        }

        Set<Path> folders() {
            return folders;
        }

        /** Runs once the server has stopped (lifecycle stop comes before beans are destroyed). */
        @Override
        public void destroy() {
            for (Path folder : folders) {
                try {
                    FileSystemUtils.deleteRecursively(folder);
                } catch (IOException e) {
                    log.debug("Could not remove Tomcat's scratch folder {}", folder, e);
                }
            }
        }
    }
}
