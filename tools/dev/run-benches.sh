#!/usr/bin/env bash
# Runs every benchmark in turn; each prints a table and one JSON line of figures
# and compares against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/results
for bench in bench/api/api.bench.ts bench/api/match.bench.ts bench/color/color.bench.ts bench/quality/quality.bench.ts bench/video/video.bench.ts bench/models/*.bench.ts bench/library/*.bench.ts; do
  if [ -f "$bench" ]; then
    echo "=== $bench"
    node bench/common/run-ts.js "$bench"
  fi
done
