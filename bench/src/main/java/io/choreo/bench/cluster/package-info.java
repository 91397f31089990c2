/**
 * The multi-process rows of the benchmarks: three node processes on 127.0.0.1 sharing one journal, driven by a client
 * member — sessions per second against raw sharded entities ({@link io.choreo.bench.cluster.ClusterScaleBench}), the
 * recovery time after SIGKILL ({@link io.choreo.bench.cluster.ClusterRecoveryBench}) and false downing under load
 * ({@link io.choreo.bench.cluster.DowningWatch}).
 */
package io.choreo.bench.cluster;
