#!/usr/bin/env bash
# The first command to run: installs the dependencies, builds the epicor
# tool and the mock Kinetic server in Release, starts the mock server with
# the demo company EPIC06 on a free loopback port, and runs epicor against
# it. Each step prints the command it runs.
#
# Usage: scripts/demo.sh            (from anywhere; builds in build/release)
#        SKIP_DEPS=1 scripts/demo.sh   (skip scripts/install-deps.sh)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Prints an argument so it can be pasted back into a shell.
quote() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
    printf '%s' "$1"
  elif [[ "$1" != *[\"\$\`\\]* ]]; then
    printf '"%s"' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# Prints a command, then runs it.
step() {
  printf '\n$'
  for argument in "$@"; do
    printf ' '
    quote "$argument"
  done
  printf '\n'
  "$@"
}

if [[ "${SKIP_DEPS:-0}" != 1 ]]; then
  step scripts/install-deps.sh
fi
step cmake --preset release
step cmake --build --preset release --target epicor_cli epicor_mock_server

bin="$root/build/release/src"
epicor="$bin/cli/epicor"
mock="$bin/mock-server/epicor-mock-server"

work="$(mktemp -d "${TMPDIR:-/tmp}/epicor-demo.XXXXXX")"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]]; then
    kill "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The mock prints its connection string on the first line of stdout.
printf '\n$ %s --dataset demo --port 0 &\n' "$mock"
"$mock" --dataset demo --port 0 >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!
for _ in $(seq 1 100); do
  if [[ -s "$work/mock.out" ]]; then
    break
  fi
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "demo: epicor-mock-server exited early:" >&2
    cat "$work/mock.err" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ ! -s "$work/mock.out" ]]; then
  echo "demo: epicor-mock-server printed no connection string within 10 seconds" >&2
  exit 1
fi

# The environment variable keeps the password out of the command lines below.
EPICOR_CONNECTION="$(head -n 1 "$work/mock.out")"
export EPICOR_CONNECTION
echo "EPICOR_CONNECTION is set to the mock server's connection string (password and API key included)."

step "$epicor" services
step "$epicor" entity-sets --service Erp.BO.CustomerSvc
step "$epicor" query Erp.BO.CustomerSvc/Customers --select CustNum,CustID,Name,City,Country,CreditLimit
step "$epicor" query Erp.BO.PartSvc/Parts --filter "UnitPrice gt 20" --select PartNum,PartDescription,UnitPrice \
  --order-by "UnitPrice desc"
step "$epicor" baq zOrdersByCustomer --param CustID=ADDISON
step "$epicor" query Erp.BO.CustomerSvc/Customers --filter "Country eq 'USA'" --select CustNum,Name,State,CreditLimit \
  --format csv --output "$work/customers-usa.csv"
step head -n 5 "$work/customers-usa.csv"

echo
echo "demo: done. Try: $epicor --help"
