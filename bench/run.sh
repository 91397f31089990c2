#!/usr/bin/env bash
# Builds the benchmarks and runs them with JMH; prints each figure as a ratio to its raw-Pekko baseline.
# Usage: bench/run.sh [JMH include regex]      QUICK=1 bench/run.sh   (short iterations)
#        PROF=gc bench/run.sh [regex]   (JMH profilers, comma-separated: gc gives bytes allocated per operation)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package -pl bench -am) >&2
quick=false; [ -n "${QUICK:-}" ] && [ "${QUICK}" != 0 ] && quick=true
exec java -Dquick="$quick" -Dprof="${PROF:-}" -cp "$root/bench/target/choreo-bench-0.1.0-SNAPSHOT.jar:$root/bench/target/lib/*" \
  io.choreo.bench.BenchMain "$@"
