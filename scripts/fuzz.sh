#!/usr/bin/env bash
# Builds the libFuzzer targets with Clang and runs each one for
# FUZZ_SECONDS (default 60) on a copy of its seed corpus under fuzz/corpus/.
# FUZZ_JOBS targets (default: the number of processors) run at the same time,
# each writing its output to build/fuzz/logs/<target>.log. A crashing input
# fails the run and is saved under build/fuzz/artifacts/<name>/.
set -euo pipefail

cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
jobs="${FUZZ_JOBS:-$(nproc)}"

cmake --preset fuzz
cmake --build --preset fuzz -j 2

shopt -s nullglob
targets=()
for target in build/fuzz/fuzz/fuzz_*; do
  [[ -x "$target" ]] && targets+=("$target")
done
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz.sh: no fuzz targets were built" >&2
  exit 1
fi

# Runs one target and prints its final statistics, or its whole log when it
# fails. Runs in a child shell started by xargs, so it takes its inputs as
# arguments.
run_target() {
  local target="$1" seconds="$2"
  local name
  name="$(basename "$target")"
  local seeds="fuzz/corpus/${name#fuzz_}"
  local work="build/fuzz/corpus/${name#fuzz_}"
  local artifacts="build/fuzz/artifacts/${name#fuzz_}"
  local log="build/fuzz/logs/$name.log"
  mkdir -p "$work" "$artifacts" build/fuzz/logs
  if [[ -d "$seeds" ]]; then
    cp -r "$seeds/." "$work/"
  fi
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$work" >"$log" 2>&1; then
    echo "-- $name ran ${seconds}s without a failure: $(grep -h '^stat::number_of_executed_units' "$log" || true)"
  else
    echo "-- $name FAILED; its log ($log) follows, and the input is under $artifacts/"
    cat "$log"
    return 1
  fi
}
export -f run_target

echo "fuzz.sh: running ${#targets[@]} targets for ${seconds}s each, $jobs at a time"
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'set -eu; run_target "$1" "$2"' _ {} "$seconds"
