package dev.parley.deployment.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image layout tarball, as Jib's {@code buildTar} writes it: unpacked once, then read through its
 * index, manifest and config the way a container runtime reads them.
 */
final class OciImage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path layout;
    private final String reference;
    private final JsonNode manifest;
    private final JsonNode config;

    private OciImage(Path layout, String reference, JsonNode manifest, JsonNode config) {
        this.layout = layout;
        this.reference = reference;
        this.manifest = manifest;
        this.config = config;
    }

    static OciImage open(Path tarball, Path into) throws IOException, InterruptedException {
        Files.createDirectories(into);
        Shell.run(List.of("tar", "-xf", tarball.toString(), "-C", into.toString()));
        JsonNode index = JSON.readTree(into.resolve("index.json").toFile());
        if (index.path("manifests").size() != 1) {
            throw new IllegalStateException(tarball + " holds " + index.path("manifests").size() + " images, not one");
        }
        JsonNode entry = index.path("manifests").get(0);
        JsonNode manifest = JSON.readTree(blob(into, entry.path("digest").asText()).toFile());
        JsonNode config = JSON.readTree(blob(into, manifest.path("config").path("digest").asText()).toFile());
        return new OciImage(into, entry.path("annotations").path("org.opencontainers.image.ref.name").asText(),
                manifest, config);
    }

    String reference() {
        return reference;
    }

    String user() {
        return config.path("config").path("User").asText();
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.path("config").path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        return entrypoint;
    }

    /** The image's environment, {@code NAME=value} entries as a map. */
    Map<String, String> environment() {
        Map<String, String> environment = new TreeMap<>();
        config.path("config").path("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            environment.put(pair[0], pair[1]);
        });
        return environment;
    }

    Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        config.path("config").path("Labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }

    /** The layers' blobs, base first: what a runtime applies in order. */
    List<Path> layers() {
        List<Path> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(blob(layout, layer.path("digest").asText())));
        return layers;
    }

    /** Applies every layer in order into {@code rootfs}, as the container's root file system. */
    void unpackInto(Path rootfs) throws IOException, InterruptedException {
        Files.createDirectories(rootfs);
        for (Path layer : layers()) {
            Shell.run(List.of("tar", "-xzf", layer.toString(), "-C", rootfs.toString()));
        }
    }

    private static Path blob(Path layout, String digest) {
        String[] algorithmAndHex = digest.split(":", 2);
        return layout.resolve("blobs").resolve(algorithmAndHex[0]).resolve(algorithmAndHex[1]);
    }
}
