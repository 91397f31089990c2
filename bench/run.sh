#!/usr/bin/env bash
# Builds the benchmarks and runs them with JMH; prints each figure as a ratio to its raw-Pekko baseline.
# Usage: bench/run.sh [JMH include regex]      QUICK=1 bench/run.sh   (short iterations)
#        PROF=gc bench/run.sh [regex]   (JMH profilers, comma-separated: gc gives bytes allocated per operation)
# Multi-process rows (3 node processes on 127.0.0.1, io.choreo.bench.cluster):
#   bench/run.sh cluster     choreo vs raw sharded sessions/s, p50/p99    (ClusterScaleBench)
#   bench/run.sh recovery    SIGKILL of a node: 20 kills, min/p50/p90/max (ClusterRecoveryBench)
#   bench/run.sh downing     10 minutes of sessions: unreachable/downed count among healthy nodes (DowningWatch)
# Durable at scale as interleaved pairs in one JVM (DurablePairs): bench/run.sh durable-pairs [h2] [postgres]
# JAVA_OPTS passes -D options to the harness, e.g. -Dchoreo.bench.kills=30 or
# "-Dchoreo.bench.node-opts=-Dpekko.cluster.split-brain-resolver.stable-after=3s" (the nodes' JVM options).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package -pl bench -am) >&2
quick=false; [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ] && quick=true
classpath="$root/bench/target/choreo-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*"
case "${1:-}" in
  cluster) main=io.choreo.bench.cluster.ClusterScaleBench ;;
  recovery) main=io.choreo.bench.cluster.ClusterRecoveryBench ;;
  downing) main=io.choreo.bench.cluster.DowningWatch ;;
  durable-pairs) main=io.choreo.bench.DurablePairs; JAVA_OPTS="-Xmx2g ${JAVA_OPTS:-}" ;;   # JMH's forks' heap
  *) main=io.choreo.bench.BenchMain ;;
esac
[ "$main" != io.choreo.bench.BenchMain ] && shift
# shellcheck disable=SC2086
exec java -Dquick="$quick" -Dprof="${PROF:-}" ${JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
