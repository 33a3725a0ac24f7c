#!/usr/bin/env bash
# Sets everything up and runs the whole test suite:
#   1. installs the dependencies (scripts/install-deps.sh),
#   2. builds with warnings as errors and runs every test (preset "ci"),
#   3. rebuilds under AddressSanitizer and UndefinedBehaviorSanitizer and
#      runs the tests again (preset "asan"),
#   4. rebuilds under ThreadSanitizer and runs the tests labelled
#      "concurrency" (preset "tsan"),
#   5. runs each libFuzzer target for a bounded time (scripts/fuzz.sh).
# Pass --quick to stop after step 2.
set -euo pipefail

cd "$(dirname "$0")/.."
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "check.sh: unknown option $arg (expected --quick)" >&2; exit 2 ;;
  esac
done

scripts/install-deps.sh

# Prints each stage's name and the minutes spent since the script started,
# so a CI log shows which stage uses the time budget.
stage() {
  echo
  echo "== $* (at $((SECONDS / 60)) min) =="
}

stage "build and test (warnings as errors)"
cmake --preset ci
cmake --build --preset ci -j 2
ctest --preset ci

if [[ $quick -eq 1 ]]; then
  echo "check.sh: the first stage passed in $((SECONDS / 60)) min"
  exit 0
fi

stage "AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan
cmake --build --preset asan -j 2
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan

stage "ThreadSanitizer (concurrency tests)"
cmake --preset tsan
cmake --build --preset tsan -j 2
ctest --preset tsan

stage "fuzzing"
scripts/fuzz.sh

echo
echo "check.sh: every stage passed in $((SECONDS / 60)) min"
