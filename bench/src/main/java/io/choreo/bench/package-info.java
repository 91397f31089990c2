/** JMH benchmarks; {@link io.choreo.bench.BenchMain} prints each as a ratio to its raw-Pekko baseline. */
package io.choreo.bench;
