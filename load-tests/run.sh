#!/usr/bin/env bash
# The full load-test run, one command:
#   ./load-tests/run.sh [--quick] [runner options...]
# Builds (Release) the upstream, the comparison hosts, the gateway and the runner; runs every scenario of issue 8
# (closed model for max throughput, open model at half the gateway's max for p99), writes reports under
# load-tests/results/<timestamp>/ and the headline table into docs/benchmarks.md ("Load tests" section); then
# cross-checks bare YARP and the gateway with wrk (load-tests/wrk/dpop.lua). About 15 minutes (3 alternating rounds).
# --quick: 5 s warm-up, 5 s phases, 1 round (a functional run; numbers not for the table).
# Other options go to the runner: see `dotnet load-tests/Passport.Load/bin/Release/net10.0/Passport.Load.dll --help`.
# Every process it starts listens on 127.0.0.1 only and is stopped by its pid; every phase is bounded in time.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RUNNER_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --quick) RUNNER_ARGS+=(--warmup 5 --duration 5 --open-warmup 2 --rounds 1) ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) RUNNER_ARGS+=("$arg") ;;
  esac
done

build() { # project [optional]
  local log; log="$(mktemp)"
  for attempt in 1 2 3 4; do
    if dotnet build "$1" -c Release -nologo -v:q >"$log" 2>&1; then rm -f "$log"; return 0; fi
    if grep -qE 'MSB302[1267]|MSB3030|being used by another process' "$log" && [ "$attempt" -lt 4 ]; then
      echo "run.sh: $1: build files busy (another build), retrying in 25 s" >&2; sleep 25
    else
      break
    fi
  done
  grep -E ': (error|warning) ' "$log" | sort -u | head -20 >&2
  rm -f "$log"
  return 1
}

build samples/LegacyApi || exit 1
build load-tests/Passport.Load.Targets || exit 1
build load-tests/Passport.Load || exit 1
build src/Passport.Gateway.Host || echo "run.sh: src/Passport.Gateway.Host did not build: gateway scenarios will be skipped" >&2
command -v redis-server >/dev/null 2>&1 || echo "run.sh: redis-server missing (apt-get install -y redis-server): Redis scenarios will be skipped" >&2

OUT="load-tests/results/$(date -u +%Y%m%d-%H%M%S)"
RUNNER=load-tests/Passport.Load/bin/Release/net10.0/Passport.Load.dll
# Bounded: the suite's phases are fixed-length; the timeout only guards against a hang.
timeout 3600 dotnet "$RUNNER" run --out "$OUT" --docs docs/benchmarks.md "${RUNNER_ARGS[@]}"
status=$?
if [ -x /usr/bin/wrk ]; then
  timeout 900 dotnet "$RUNNER" wrk --out "$OUT" --docs docs/benchmarks.md "${RUNNER_ARGS[@]}" || status=1
else
  echo "run.sh: /usr/bin/wrk missing (apt-get install -y wrk): no wrk cross-check" >&2
fi
echo "reports: $OUT/report.html $OUT/report.json"
exit "$status"
