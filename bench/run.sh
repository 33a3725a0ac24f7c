#!/usr/bin/env bash
# Runs the scan benchmark: the library scanning 1,000,000 and 10,000 rows of
# a generated entity set from the mock Kinetic server, and a baseline that
# fetches the same pages with one curl process. Prints a table of rows/s,
# peak memory and TCP connections. docs/benchmarks.md explains the method.
#
# Usage: bench/run.sh [PAGESIZE]   (default 1000, the mock's largest page)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
page_size="${1:-1000}"
server_rows=1000000

cmake --preset release >/dev/null
cmake --build --preset release --target scan_benchmark epicor_mock_server

bench="$root/build/release/bench/scan_benchmark"
mock="$root/build/release/src/mock-server/epicor-mock-server"

work="$(mktemp -d "${TMPDIR:-/tmp}/epicor-bench.XXXXXX")"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Returns the value of KEY=value from a RESULT line.
field() {
  sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"
}

echo "== library: scan $server_rows rows (Pagesize=$page_size)"
"$bench" --server-rows "$server_rows" --pagesize "$page_size" --url-log "$work/urls-1m.txt" | tee "$work/lib-1m.txt"
echo "== library: scan 10000 of $server_rows rows"
"$bench" --server-rows "$server_rows" --rows 10000 --pagesize "$page_size" | tee "$work/lib-10k.txt"
lib_1m="$(grep '^RESULT' "$work/lib-1m.txt")"
lib_10k="$(grep '^RESULT' "$work/lib-10k.txt")"

echo "== curl: the same $(wc -l <"$work/urls-1m.txt") page requests in one curl process"
"$mock" --dataset "generated:$server_rows" --port 0 --max-page-size "$page_size" >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
for _ in $(seq 1 300); do
  [[ -s "$work/mock.out" ]] && break
  sleep 0.1
done
connection="$(head -n 1 "$work/mock.out")"
property() {
  tr ';' '\n' <<<"$connection" | sed -n "s/^$1=//p"
}
base="$(property URL)"
user="$(property User)"
password="$(property Password)"
api_key="$(property ApiKey)"

config="$work/curl.config"
umask 077
{
  echo "silent"
  echo "show-error"
  echo "fail"
  echo "compressed"
  echo "globoff"
  echo "header = \"Accept: application/json\""
  echo "header = \"x-api-key: $api_key\""
  echo "user = \"$user:$password\""
  while IFS= read -r target; do
    echo "url = \"$base$target\""
    echo "output = \"/dev/null\""
  done <"$work/urls-1m.txt"
} >"$config"

start_ns="$(date +%s%N)"
curl --config "$config"
end_ns="$(date +%s%N)"
curl_seconds="$(awk -v s="$start_ns" -v e="$end_ns" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')"
curl_rate="$(awk -v r="$server_rows" -v s="$curl_seconds" 'BEGIN { printf "%.0f", r / s }')"

lib_rate="$(field "$lib_1m" rows_per_s)"
ratio="$(awk -v a="$lib_rate" -v b="$curl_rate" 'BEGIN { printf "%.2f", a / b }')"
rss_1m="$(awk -v k="$(field "$lib_1m" peak_rss_kb)" 'BEGIN { printf "%.1f", k / 1024 }')"
rss_10k="$(awk -v k="$(field "$lib_10k" peak_rss_kb)" 'BEGIN { printf "%.1f", k / 1024 }')"

echo
printf '%-34s %12s %10s %12s %10s %12s\n' "run" "rows" "seconds" "rows/s" "peak MB" "connections"
printf '%-34s %12s %10s %12s %10s %12s\n' "library, 1M rows" "$(field "$lib_1m" rows)" \
  "$(field "$lib_1m" seconds)" "$lib_rate" "$rss_1m" "$(field "$lib_1m" connections)"
printf '%-34s %12s %10s %12s %10s %12s\n' "library, 10k rows" "$(field "$lib_10k" rows)" \
  "$(field "$lib_10k" seconds)" "$(field "$lib_10k" rows_per_s)" "$rss_10k" "$(field "$lib_10k" connections)"
printf '%-34s %12s %10s %12s %10s %12s\n' "curl, same 1M-row pages" "$server_rows" "$curl_seconds" \
  "$curl_rate" "-" "-"
echo
echo "library rows/s / curl rows/s: $ratio (target: at least 0.80)"
echo "peak memory 1M vs 10k: $rss_1m MB vs $rss_10k MB (target: under 64 MB and within 10%)"
echo "TCP connections for the 1M-row scan: $(field "$lib_1m" connections) (target: 1)"
