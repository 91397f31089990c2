/**
 * JMH benchmarks; {@link io.choreo.bench.BenchMain} prints each as a ratio to its raw-Pekko baseline.
 * {@link io.choreo.bench.DurablePairs} runs the durable-at-scale batches as interleaved pairs in one JVM; the
 * multi-process rows are in {@code io.choreo.bench.cluster}.
 */
package io.choreo.bench;
