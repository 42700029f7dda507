package dev.parley.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Redis roles side by side, as {@code ./parley up} runs them: the platform's Redis never evicts and keeps
 * its data; the recent-history cache's may evict any key and keeps nothing on disk (docs/adr/0028).
 */
class RedisServerTests {

    @TempDir
    Path data;

    @Test
    void theCoordinationRedisNeverEvictsAndTheCacheRedisEvictsAnyKeyAndKeepsNothing() throws Exception {
        int[] ports = FreePorts.distinct(2);
        Path coordinationData = data.resolve("redis");
        Path cacheData = data.resolve("history-cache-redis");
        try (RedisServer coordination = RedisServer.start(ports[0], coordinationData);
             RedisServer cache = RedisServer.start(ports[1], cacheData, RedisServer.Role.CACHE)) {
            assertThat(config(coordination, "maxmemory-policy")).isEqualTo("noeviction");
            assertThat(config(cache, "maxmemory-policy")).isEqualTo("allkeys-lru");
            assertThat(config(coordination, "maxmemory")).isEqualTo(config(cache, "maxmemory"))
                    .isEqualTo(Long.toString(256L * 1024 * 1024));
            assertThat(config(coordination, "appendonly")).isEqualTo("yes");
            assertThat(config(cache, "appendonly")).isEqualTo("no");
            assertThat(config(cache, "save")).isEmpty();
            // either is found through its pid file, whoever started it
            assertThat(RedisServer.serverProcess(coordinationData)).isPresent();
            assertThat(RedisServer.serverProcess(cacheData)).isPresent();
        }
        try (var files = Files.list(cacheData)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("appendonly") || name.endsWith(".rdb"));
        }
    }

    /** {@code CONFIG GET name} over the wire: an array of the name and its value. */
    private static String config(RedisServer server, String name) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("CONFIG GET " + name + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("*2");
            in.readLine(); // $length of the name
            assertThat(in.readLine()).isEqualTo(name);
            in.readLine(); // $length of the value
            return in.readLine();
        }
    }
}
