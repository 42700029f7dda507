package dev.parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes a result as {@code <workload>-<yyyyMMdd-HHmmss>.json} and {@code .html}, plus {@code <workload>-latest.*}. */
public final class ResultFiles {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResultFiles() {
    }

    public record Written(Path json, Path html) {
    }

    public static Written write(BenchResult result, Path folder) throws IOException {
        Files.createDirectories(folder);
        String name = result.workload() + "-" + STAMP.format(java.time.Instant.parse(result.startedAt()));
        String json = JSON.writeValueAsString(result);
        Path jsonFile = Files.writeString(folder.resolve(name + ".json"), json);
        Path htmlFile = Files.writeString(folder.resolve(name + ".html"), Html.report(result, json));
        Files.writeString(folder.resolve(result.workload() + "-latest.json"), json);
        Files.writeString(folder.resolve(result.workload() + "-latest.html"), Html.report(result, json));
        return new Written(jsonFile, htmlFile);
    }
}
