package dev.parley.bench.report;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Small line charts as inline SVG — no script, no external resource: the report is one self-contained file. */
final class SvgChart {

    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    record Series(String name, List<double[]> points) {
    }

    record Tick(double value, String label) {
    }

    private SvgChart() {
    }

    /**
     * The percentile distribution: x is the percentile on HdrHistogram's usual log scale (1/(1−p)),
     * so 99 %, 99.9 % and 99.99 % get equal room; y is milliseconds.
     */
    static String percentiles(String title, List<Series> series) {
        DoubleUnaryOperator x = p -> Math.log10(1 / Math.max(1e-6, 1 - Math.min(p, 99.9999) / 100));
        List<Tick> xTicks = List.of(new Tick(0, "0%"), new Tick(90, "90%"), new Tick(99, "99%"), new Tick(99.9, "99.9%"),
                new Tick(99.99, "99.99%"), new Tick(99.999, "99.999%"), new Tick(99.9999, "max"));
        return chart(title, series, x, 0, x.applyAsDouble(99.9999), xTicks, "percentile", "ms");
    }

    /** Values over the run's seconds. */
    static String overTime(String title, List<Series> series, String unit) {
        double last = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1);
        double step = niceStep(last / 8);
        List<Tick> ticks = new java.util.ArrayList<>();
        for (double t = 0; t <= last; t += step) {
            ticks.add(new Tick(t, String.format("%.0f s", t)));
        }
        return chart(title, series, v -> v, 0, Math.max(1, last), ticks, "time", unit);
    }

    private static String chart(String title, List<Series> series, DoubleUnaryOperator x, double xMin, double xMax,
                                List<Tick> xTicks, String xLabel, String yLabel) {
        double yMax = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
        double yStep = niceStep(Math.max(yMax, 1e-3) / 5);
        yMax = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double finalYMax = yMax;
        DoubleUnaryOperator px = v -> LEFT + (x.applyAsDouble(v) - xMin) / (xMax - xMin) * plotWidth;
        DoubleUnaryOperator py = v -> TOP + plotHeight - v / finalYMax * plotHeight;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                + "height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT,
                Html.escape(title)));
        for (double v = 0; v <= yMax + yStep / 2; v += yStep) {
            double y = py.applyAsDouble(v);
            svg.append(String.format("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT,
                    WIDTH - RIGHT, y, y));
            svg.append(String.format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
                    format(v)));
        }
        for (Tick tick : xTicks) {
            double xPos = px.applyAsDouble(tick.value());
            svg.append(String.format("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", xPos, xPos,
                    TOP, TOP + plotHeight));
            svg.append(String.format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", xPos,
                    TOP + plotHeight + 16, Html.escape(tick.label())));
        }
        svg.append(String.format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", LEFT + plotWidth / 2,
                HEIGHT - 6, xLabel));
        svg.append(String.format("<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">"
                + "%s</text>", TOP + plotHeight / 2, TOP + plotHeight / 2, yLabel));
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] point : series.get(i).points()) {
                points.append(String.format("%.1f,%.1f ", px.applyAsDouble(point[0]), py.applyAsDouble(point[1])));
            }
            svg.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"/>",
                    colour, points.toString().strip()));
            svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", LEFT + 10, TOP + 6 + i * 16, colour, LEFT + 26,
                    TOP + 15 + i * 16, Html.escape(series.get(i).name())));
        }
        return svg.append("</svg>").toString();
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        double residual = raw / magnitude;
        return (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.2g", value);
    }
}
