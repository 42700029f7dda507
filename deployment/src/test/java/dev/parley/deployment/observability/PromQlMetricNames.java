package dev.parley.deployment.observability;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects. Without a PromQL parser at hand it reads the expression the
 * way the grammar separates names from everything else: string literals, label matchers ({@code {…}}),
 * ranges and subqueries ({@code […]}), {@code by/without/on/ignoring(…)} label lists, offsets, modifiers and
 * Grafana variables are no names; an identifier followed by {@code (} is a function or an aggregation; a few
 * words are operators. What is left — bare identifiers — are metric names, plus {@code {__name__="…"}}.
 */
final class PromQlMetricNames {

    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern STRINGS = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|`[^`]*`");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OFFSETS = Pattern.compile("\\boffset\\s+-?[0-9a-zA-Z$_]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_MODIFIERS = Pattern.compile("@\\s*(?:start\\(\\)|end\\(\\)|[0-9.]+)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[\\w+]]");
    private static final Pattern TOKENS = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*|\\d[\\w.]*|\\S");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "group_left", "group_right",
            "inf", "nan", "by", "without", "on", "ignoring", "offset");

    private PromQlMetricNames() {
    }

    static Set<String> of(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher byName = NAME_MATCHER.matcher(expression);
        while (byName.find()) {
            names.add(byName.group(1));
        }
        String rest = STRINGS.matcher(expression).replaceAll(" ");
        rest = rest.replaceAll("\\{[^}]*}", " ");
        rest = VARIABLES.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\[[^\\]]*]", " ");
        rest = LABEL_LISTS.matcher(rest).replaceAll(" ");
        rest = OFFSETS.matcher(rest).replaceAll(" ");
        rest = AT_MODIFIERS.matcher(rest).replaceAll(" ");
        Matcher token = TOKENS.matcher(rest);
        while (token.find()) {
            String word = token.group();
            boolean identifier = Character.isLetter(word.charAt(0)) || word.charAt(0) == '_' || word.charAt(0) == ':';
            if (identifier && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) && !isCall(rest, token.end())) {
                names.add(word);
            }
        }
        return names;
    }

    private static boolean isCall(String text, int after) {
        for (int i = after; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == '(';
            }
        }
        return false;
    }
}
