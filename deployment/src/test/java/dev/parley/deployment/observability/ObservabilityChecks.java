package dev.parley.deployment.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dashboard and the alert rules against the metrics that exist. Each check answers the problems it
 * finds (empty: none), so a test can show that a broken dashboard is caught as well as that the real one passes.
 */
final class ObservabilityChecks {

    /** Series Prometheus makes itself, for every target and alert: no service exports them. */
    static final Set<String> PROMETHEUS_SERIES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE");

    private ObservabilityChecks() {
    }

    /** Every PromQL expression of a Grafana dashboard, by "panel title (refId)", rows' nested panels included. */
    static Map<String, String> dashboardQueries(JsonNode dashboard) {
        Map<String, String> queries = new LinkedHashMap<>();
        collectPanels(dashboard.path("panels"), queries);
        return queries;
    }

    private static void collectPanels(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.put("panel \"" + panel.path("title").asText() + "\" (" + target.path("refId").asText() + ")",
                        target.path("expr").asText(""));
            }
            collectPanels(panel.path("panels"), queries);
        }
    }

    /** Every expression of a Prometheus rule file, by "alert X" or "record X". */
    static Map<String, String> ruleQueries(Map<String, Object> rules) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Object group : list(rules.get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> r = map(rule);
                String name = r.containsKey("alert") ? "alert " + r.get("alert") : "record " + r.get("record");
                queries.put(name, String.valueOf(r.get("expr")));
            }
        }
        return queries;
    }

    /** Recording rules' names: series the rules make, which other expressions may query. */
    static Set<String> recordedNames(Map<String, Object> rules) {
        Set<String> names = new TreeSet<>();
        for (Object group : list(rules.get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                if (map(rule).get("record") != null) {
                    names.add(map(rule).get("record").toString());
                }
            }
        }
        return names;
    }

    /** Every metric each query selects is one of {@code known}; a query that selects nothing is a problem too. */
    static List<String> unknownMetrics(Map<String, String> queries, Set<String> known) {
        List<String> problems = new ArrayList<>();
        queries.forEach((where, expression) -> {
            Set<String> names = PromQlMetricNames.of(expression);
            if (names.isEmpty()) {
                problems.add(where + " selects no metric: " + expression);
            }
            names.stream().filter(name -> !known.contains(name))
                    .forEach(name -> problems.add(where + " queries " + name + ", which no service exports"));
        });
        return problems;
    }

    /** Every name of a list is queried somewhere: a list of what is checked must not hold what is not used. */
    static List<String> unusedNames(Set<String> listed, Map<String, String> queries) {
        Set<String> used = new TreeSet<>();
        queries.values().forEach(expression -> used.addAll(PromQlMetricNames.of(expression)));
        return listed.stream().filter(name -> !used.contains(name))
                .map(name -> name + " is listed but neither the dashboard nor the alerts query it").toList();
    }

    /** Panels have queries on the provisioned data source; ids are unique. */
    static List<String> dashboardStructure(JsonNode dashboard, String datasourceUid) {
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new TreeSet<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            if (!ids.add(panel.path("id").asInt())) {
                problems.add("panel \"" + title + "\" repeats id " + panel.path("id").asInt());
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (panel.path("targets").isEmpty()) {
                problems.add("panel \"" + title + "\" has no query");
            }
            List<JsonNode> sources = new ArrayList<>(List.of(panel.path("datasource")));
            panel.path("targets").forEach(target -> sources.add(target.path("datasource")));
            for (JsonNode source : sources) {
                if (!source.isMissingNode() && !datasourceUid.equals(source.path("uid").asText())) {
                    problems.add("panel \"" + title + "\" uses data source " + source + ", not the provisioned " + datasourceUid);
                }
            }
        }
        return problems;
    }

    /** Every rule is an alert with a duration, a severity and a summary; names are unique. */
    static List<String> alertStructure(Map<String, Object> rules) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Object group : list(rules.get("groups"))) {
            for (Object rule : list(map(group).get("rules"))) {
                Map<String, Object> r = map(rule);
                if (r.get("record") != null) {
                    continue;
                }
                String name = String.valueOf(r.get("alert"));
                if (!names.add(name)) {
                    problems.add("alert " + name + " is defined twice");
                }
                if (r.get("for") == null) {
                    problems.add("alert " + name + " fires on a single evaluation (no for:)");
                }
                Object severity = map(r.get("labels")).get("severity");
                if (!List.of("warning", "critical").contains(String.valueOf(severity))) {
                    problems.add("alert " + name + " has severity " + severity + ", not warning or critical");
                }
                if (map(r.get("annotations")).get("summary") == null) {
                    problems.add("alert " + name + " has no summary");
                }
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
