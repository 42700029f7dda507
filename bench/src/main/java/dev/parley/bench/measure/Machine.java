package dev.parley.bench.measure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run ran on: CPUs, memory, kernel, JDK, the checkout's commit. */
public final class Machine {

    private Machine() {
    }

    public static Map<String, Object> describe(Path checkout) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", firstValue(ProcessSampler.read(Path.of("/proc/cpuinfo")), "model name"));
        String memTotal = firstValue(ProcessSampler.read(Path.of("/proc/meminfo")), "MemTotal");
        machine.put("memory", memTotal == null ? "?" : Math.round(Long.parseLong(memTotal.replace("kB", "").strip())
                / 1024.0 / 1024.0) + " GiB");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("maxOpenFiles", limit("Max open files"));
        machine.put("commit", commit(checkout));
        return machine;
    }

    private static String limit(String name) {
        String limits = ProcessSampler.read(Path.of("/proc/self/limits"));
        if (limits == null) {
            return "?";
        }
        for (String line : limits.split("\n")) {
            if (line.startsWith(name)) {
                String[] fields = line.substring(name.length()).strip().split("\\s+");
                return fields[0] + " (hard " + fields[1] + ")";
            }
        }
        return "?";
    }

    private static String firstValue(String text, String key) {
        if (text == null) {
            return null;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return null;
    }

    /** The checked-out commit, read from .git (no git command needed). */
    private static String commit(Path checkout) {
        String head = ProcessSampler.read(checkout.resolve(".git/HEAD"));
        if (head == null) {
            return "?";
        }
        head = head.strip();
        if (!head.startsWith("ref: ")) {
            return head;
        }
        String ref = head.substring(5);
        String id = ProcessSampler.read(checkout.resolve(".git").resolve(ref));
        if (id != null) {
            return id.strip() + " (" + ref.replace("refs/heads/", "") + ")";
        }
        String packed = ProcessSampler.read(checkout.resolve(".git/packed-refs"));
        if (packed != null) {
            for (String line : packed.split("\n")) {
                if (line.endsWith(" " + ref)) {
                    return line.substring(0, line.indexOf(' ')) + " (" + ref.replace("refs/heads/", "") + ")";
                }
            }
        }
        return "?";
    }
}
