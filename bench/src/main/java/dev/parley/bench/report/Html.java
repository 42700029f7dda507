package dev.parley.bench.report;

import dev.parley.bench.chat.Correctness;
import dev.parley.bench.measure.Latencies;
import dev.parley.bench.measure.ResourceUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable report of a run: one HTML page, charts as inline SVG. */
final class Html {

    private Html() {
    }

    static String report(BenchResult result, String json) {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>%s</title><style>
                body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}
                table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
                th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:bold}
                pre{background:#f6f8fa;padding:8px;overflow:auto;font-size:12px}</style></head><body>
                """.formatted(escape("Parley bench " + result.workload())));
        page.append("<h1>Parley bench: ").append(escape(result.title())).append("</h1>");
        page.append("<p>").append(escape(result.startedAt())).append(" · ").append(String.format("%.0f s", result.seconds()))
                .append(" · commit ").append(escape(String.valueOf(result.environment().get("commit")))).append(" · <b class=\"")
                .append(result.passed() ? "pass\">bar met" : "fail\">bar not met").append("</b></p>");
        page.append("<h2>Bar</h2>").append(table(List.of("check", "required", "measured", ""), result.checks().stream()
                .map(c -> List.of(c.name(), c.required(), c.measured(), c.pass() ? "<span class=\"pass\">ok</span>"
                        : "<span class=\"fail\">FAIL</span>")).toList(), false));
        if (!result.latencies().isEmpty()) {
            page.append("<h2>Latency</h2>");
            List<SvgChart.Series> curves = result.latencies().stream().filter(l -> l.count() > 0)
                    .map(l -> new SvgChart.Series(l.name(), l.curve())).toList();
            page.append(SvgChart.percentiles("Latency by percentile (ms), measured phase", curves));
            page.append(table(List.of("latency (ms)", "count", "p50", "p90", "p99", "p99.9", "p99.99", "max", "mean"),
                    result.latencies().stream().map(l -> List.of(l.name(), Long.toString(l.count()), ms(l.p50()),
                            ms(l.p90()), ms(l.p99()), ms(l.p999()), ms(l.p9999()), ms(l.max()), ms(l.mean()))).toList(), true));
        }
        if (!result.timeline().isEmpty()) {
            page.append(timeline(result.timeline()));
        }
        if (result.correctness() != null) {
            page.append("<h2>Correctness (every message, every subscriber)</h2>").append(correctness(result.correctness()));
        }
        if (result.resources() != null) {
            page.append("<h2>Resources (measured window)</h2>").append(resources(result.resources()));
        }
        page.append("<h2>Details</h2>").append(details(result.details()));
        if (!result.notes().isEmpty()) {
            page.append("<h2>Notes</h2><ul>");
            result.notes().forEach(note -> page.append("<li>").append(escape(note)).append("</li>"));
            page.append("</ul>");
        }
        page.append("<h2>Parameters</h2>").append(keyValues(result.parameters()));
        page.append("<h2>Machine</h2>").append(keyValues(result.environment()));
        page.append("<details><summary>Result JSON</summary><pre>").append(escape(json)).append("</pre></details>");
        return page.append("</body></html>\n").toString();
    }

    private static String timeline(Map<String, List<Latencies.Second>> timeline) {
        List<SvgChart.Series> rates = new ArrayList<>();
        List<SvgChart.Series> p99s = new ArrayList<>();
        timeline.forEach((name, seconds) -> {
            rates.add(new SvgChart.Series(name + " per second", seconds.stream()
                    .map(s -> new double[] {s.at(), s.count()}).toList()));
            p99s.add(new SvgChart.Series(name + " p99", seconds.stream().filter(s -> s.count() > 0)
                    .map(s -> new double[] {s.at(), s.p99() / 1000.0}).toList()));
        });
        return "<h2>Timeline</h2>" + SvgChart.overTime("Per second (whole run, warm-up included)", rates, "count")
                + SvgChart.overTime("p99 of each second (ms)", p99s, "ms");
    }

    private static String correctness(Correctness c) {
        return table(List.of("", ""), List.of(
                List.of("sent / acked / unacked / rejected", c.sent() + " / " + c.acked() + " / " + c.unacked() + " / " + c.rejected()),
                List.of("subscriptions checked (broken)", c.subscriptions() + " (" + c.brokenSubscriptions() + ")"),
                List.of("expected deliveries", Long.toString(c.expectedDeliveries())),
                List.of("delivered", c.delivered() + String.format(" (%.4f %%)", c.deliveredPercent())),
                List.of("lost", Long.toString(c.lost())),
                List.of("duplicated", Long.toString(c.duplicates())),
                List.of("out of order", Long.toString(c.outOfOrder())),
                List.of("seq given twice / duplicate acks", c.seqsAckedTwice() + " / " + c.duplicateAcks()),
                List.of("delivered without ack", Long.toString(c.unacknowledgedDeliveries())),
                List.of("errors", c.errors().isEmpty() ? "none" : c.errors().toString())), false);
    }

    private static String resources(ResourceUsage usage) {
        List<List<String>> rows = new ArrayList<>();
        for (ResourceUsage.Group group : usage.groups()) {
            rows.add(row(group));
        }
        rows.add(row(usage.platform()));
        rows.add(List.of("whole machine (" + usage.cpus() + " CPUs)", String.format("%.2f", usage.machineCores()), "", "", "", "", "", "", ""));
        rows.add(List.of("other processes", String.format("%.2f", usage.otherCores()), "", "", "", "", "", "", ""));
        return String.format("<p>%.0f s window. Cores: average CPUs busy (1.00 = one core all the time). RSS sums "
                + "every process of the group (PostgreSQL's shared buffers count once per backend). Switches: its threads' "
                + "context switches a second. Busiest threads: cores by kind of thread (a pool's threads added up, the numbers in "
                + "their names as *; Linux keeps 15 characters of a name).</p>", usage.seconds())
                + table(List.of("process group", "cores", "CPU s", "switches/s", "RSS avg MiB", "RSS max MiB", "PSS avg MiB", "processes", "busiest threads"),
                rows, true);
    }

    private static List<String> row(ResourceUsage.Group group) {
        return List.of(group.name(), String.format("%.2f", group.cores()), String.format("%.1f", group.cpuSeconds()),
                String.format("%.0f", group.switchesPerSecond()), String.format("%.0f", group.rssAvgMiB()), String.format("%.0f", group.rssMaxMiB()),
                String.format("%.0f", group.pssAvgMiB()), Integer.toString(group.processes()),
                group.threadCores().entrySet().stream().limit(4)
                        .map(kind -> String.format("%s %.3f", kind.getKey(), kind.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    @SuppressWarnings("unchecked")
    private static String details(Map<String, Object> details) {
        StringBuilder html = new StringBuilder();
        Map<String, Object> simple = new java.util.LinkedHashMap<>();
        details.forEach((name, value) -> {
            if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> first) {
                List<String> columns = new ArrayList<>(((Map<String, Object>) first).keySet());
                html.append("<h3>").append(escape(name)).append("</h3>").append(table(columns, list.stream()
                        .map(item -> columns.stream().map(c -> String.valueOf(((Map<String, Object>) item).get(c))).toList())
                        .toList(), true));
            } else if (value instanceof Map<?, ?> map) { // a group of figures: W1's ceiling, the ratios to it
                html.append("<h3>").append(escape(name)).append("</h3>").append(keyValues((Map<String, Object>) map));
            } else {
                simple.put(name, value);
            }
        });
        return keyValues(simple) + html;
    }

    private static String keyValues(Map<String, Object> values) {
        return table(List.of("", ""), values.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue() instanceof List<?> list
                ? String.join("<br>", list.stream().map(item -> escape(String.valueOf(item))).toList())
                : escape(String.valueOf(e.getValue())))).toList(), false);
    }

    /** Cells are trusted markup when {@code escape} is false (built here), escaped otherwise. */
    private static String table(List<String> header, List<List<String>> rows, boolean escapeCells) {
        StringBuilder html = new StringBuilder("<table><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escapeCells ? escape(cell) : cell).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String ms(double value) {
        return String.format("%.2f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
