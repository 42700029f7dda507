package dev.parley.bench;

import dev.parley.bench.report.BenchResult;

/** A named load against the running platform that ends with a result. */
public interface Workload {

    BenchResult run(BenchContext context) throws Exception;
}
