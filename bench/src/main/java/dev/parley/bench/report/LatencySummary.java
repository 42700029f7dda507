package dev.parley.bench.report;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency histogram (recorded in µs) as a report shows it, in milliseconds: count, percentiles,
 * max, and the percentile curve (HdrHistogram's percentile distribution) for the chart.
 */
public record LatencySummary(String name, long count, double p50, double p90, double p99, double p999,
                             double p9999, double max, double mean, List<double[]> curve) {

    public static LatencySummary of(String name, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(name, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
        List<double[]> curve = new ArrayList<>();
        for (HistogramIterationValue value : micros.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100.0 || curve.size() > 400) {
                break;
            }
            curve.add(new double[] {percentile, value.getValueIteratedTo() / 1000.0});
        }
        curve.add(new double[] {100.0, micros.getMaxValue() / 1000.0});
        return new LatencySummary(name, micros.getTotalCount(), ms(micros, 50), ms(micros, 90), ms(micros, 99),
                ms(micros, 99.9), ms(micros, 99.99), micros.getMaxValue() / 1000.0, micros.getMean() / 1000.0, curve);
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
