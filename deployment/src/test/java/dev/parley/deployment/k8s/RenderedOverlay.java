package dev.parley.deployment.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The objects one kustomization renders to, as YAML gives them (numbers stay numbers, strings strings). */
record RenderedOverlay(String name, List<Map<String, Object>> objects, Map<Class<?>, List<?>> typed) {

    private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

    RenderedOverlay(String name, List<Map<String, Object>> objects) {
        this(name, objects, new ConcurrentHashMap<>());
    }

    /** {@code k8s/overlays/<name>}, rendered once per test JVM. */
    static RenderedOverlay of(String name) {
        return RENDERED.computeIfAbsent(name, overlay -> render(overlay, overlaysDir().resolve(overlay)));
    }

    static RenderedOverlay render(String name, Path dir) {
        return new RenderedOverlay(name, parse(Kustomize.render(dir)));
    }

    /** Every overlay under k8s/overlays. */
    static List<String> names() {
        try (Stream<Path> dirs = Files.list(overlaysDir())) {
            return dirs.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: the nearest directory above the working directory that holds k8s/overlays. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/overlays"))) {
                return dir;
            }
        }
        throw new AssertionError("no k8s/overlays above " + Path.of("").toAbsolutePath());
    }

    static Path overlaysDir() {
        return repositoryRoot().resolve("k8s/overlays");
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    /** The typed model of every object of the class's kind (the strict reading of {@link StrictModels}), read once. */
    @SuppressWarnings("unchecked")
    <T> List<T> all(Class<T> type) {
        return (List<T>) typed.computeIfAbsent(type, kind ->
                ofKind(type.getSimpleName()).stream().map(object -> StrictModels.read(object, type)).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return List.copyOf(objects);
    }

    static String describe(Map<String, Object> object) {
        Object metadata = object.get("metadata");
        Object name = metadata instanceof Map<?, ?> meta ? meta.get("name") : null;
        return object.get("kind") + "/" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
