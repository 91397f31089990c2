#!/usr/bin/env bash
# Runs the front-end fuzzer (FrontEndFuzzTest) with N mutants (default 1,000,000) from seed S (default 22).
# Each mutant goes through compile, render, print, project, instantiate, check and a short in-memory run.
# A failure prints the seed of each failing mutant and its text; replay one with: scripts/fuzz.sh 1 SEED
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mutants="${1:-1000000}"
seed="${2:-22}"
cd "$root"
exec mvn -B -ntp -pl runtime-actors -am verify -Dtest=FrontEndFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dchoreo.kill-tests=false -Dchoreo.fuzz.mutants="$mutants" -Dchoreo.fuzz.seed="$seed"
