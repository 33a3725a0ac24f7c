#!/usr/bin/env bash
# Builds the libFuzzer targets with Clang and runs each one for
# FUZZ_SECONDS (default 60) on a copy of its seed corpus under fuzz/corpus/.
# The first crashing input stops the run and is saved under
# build/fuzz/artifacts/<name>/.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"

cmake --preset fuzz
cmake --build --preset fuzz -j 2

shopt -s nullglob
targets=(build/fuzz/fuzz/fuzz_*)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz.sh: no fuzz targets were built" >&2
  exit 1
fi
for target in "${targets[@]}"; do
  [[ -x "$target" ]] || continue
  name="$(basename "$target")"
  seeds="fuzz/corpus/${name#fuzz_}"
  work="build/fuzz/corpus/${name#fuzz_}"
  mkdir -p "$work"
  if [[ -d "$seeds" ]]; then
    cp -r "$seeds/." "$work/"
  fi
  artifacts="build/fuzz/artifacts/${name#fuzz_}"
  mkdir -p "$artifacts"
  echo "-- $name for ${seconds}s (crashing inputs go to $artifacts/)"
  "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work"
done
