#!/usr/bin/env bash
# Profiles the gateway under the open model (issue 18 §1):
#   ./load-tests/profile.sh [--rate R] [--modes memory,redis] [runner options...]
# For each replay mode (gateway-memory, gateway-redis) it starts the stack through the load runner (fixed rate, one
# 90-s phase after a 20-s warm-up), finds the gateway process among the runner's children, then collects
#   - dotnet-counters (System.Runtime: GC pause time and counts per generation, allocation rate, heap size,
#     thread-pool queue length and thread count, lock contention, monitor waits; Kestrel; ASP.NET Core hosting)
#     for 30 s → counters-<mode>.csv
#   - dotnet-trace (dotnet-sampled-thread-time + gc-collect) for 15 s → trace-<mode>.nettrace and the top 25 methods
#     by exclusive and inclusive time → trace-<mode>-top.txt
# Without --rate the rate is half of gateway-redis's maximum, measured first with a short closed-model run.
# Tools: dotnet-counters and dotnet-trace from the NuGet registry, installed into /tmp/tools when missing.
# Everything listens on 127.0.0.1; every phase is bounded (the runner's phases are fixed-length; timeouts guard hangs).
# Other options go to the runner, e.g. --gateway-env DOTNET_gcServer=0 to profile a runtime setting.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

RATE=""
MODES="memory,redis"
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) EXTRA+=("$1"); shift ;;
  esac
done

TOOLS=/tmp/tools
for tool in dotnet-counters dotnet-trace; do
  [ -x "$TOOLS/$tool" ] || dotnet tool install --tool-path "$TOOLS" "$tool" >/dev/null || { echo "profile.sh: cannot install $tool" >&2; exit 1; }
done

for project in samples/LegacyApi load-tests/Passport.Load.Targets load-tests/Passport.Load src/Passport.Gateway.Host; do
  dotnet build "$project" -c Release -nologo -v:q >/dev/null || { echo "profile.sh: $project did not build" >&2; exit 1; }
done

OUT="load-tests/results/profile-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
RUNNER=load-tests/Passport.Load/bin/Release/net10.0/Passport.Load.dll

if [ -z "$RATE" ]; then
  timeout 300 dotnet "$RUNNER" run --scenarios gateway-redis --rounds 1 --warmup 20 --duration 10 --open-warmup 0 \
    --rate 100 --out "$OUT/max" --no-progress "${EXTRA[@]}" >"$OUT/max.log" 2>&1
  MAX=$(grep -o '"maxThroughput": *[0-9.]*' "$OUT/max/report.json" | head -1 | grep -o '[0-9.]*$')
  [ -n "$MAX" ] || { echo "profile.sh: no maximum measured (see $OUT/max.log)" >&2; exit 1; }
  RATE=$(awk -v m="$MAX" 'BEGIN { printf "%d", m / 2 }')
  echo "gateway-redis max $MAX req/s → profiling at $RATE req/s"
fi

# The gateway started under pid $1 (timeout → runner → gateway running Passport.Gateway.Host.dll), waited up to 90 s.
gateway_of() {
  for _ in $(seq 1 90); do
    for child in $(pgrep -P "$1") $(for c in $(pgrep -P "$1"); do pgrep -P "$c"; done); do
      if tr '\0' ' ' <"/proc/$child/cmdline" 2>/dev/null | grep -q 'Passport.Gateway.Host.dll'; then echo "$child"; return 0; fi
    done
    sleep 1
  done
  return 1
}

status=0
for mode in ${MODES//,/ }; do
  echo "== gateway-$mode at $RATE req/s"
  timeout 400 dotnet "$RUNNER" run --scenarios "gateway-$mode" --open-only --rounds 1 --warmup 20 --duration 90 \
    --rate "$RATE" --out "$OUT/$mode" --no-progress "${EXTRA[@]}" >"$OUT/$mode.log" 2>&1 &
  runner=$!
  if ! gw=$(gateway_of "$runner"); then
    echo "profile.sh: gateway-$mode did not start (see $OUT/$mode.log)" >&2; kill "$runner" 2>/dev/null; status=1; continue
  fi
  sleep 30 # start-up + the runner's 20-s warm-up: measure the steady state only
  timeout 60 "$TOOLS/dotnet-counters" collect -p "$gw" --duration 00:00:00:30 --format csv -o "$OUT/counters-$mode.csv" \
    --counters System.Runtime,Microsoft.AspNetCore.Server.Kestrel,Microsoft.AspNetCore.Hosting >/dev/null 2>&1 || status=1
  timeout 90 "$TOOLS/dotnet-trace" collect -p "$gw" --duration 00:00:00:15 --profile dotnet-sampled-thread-time,gc-collect \
    -o "$OUT/trace-$mode.nettrace" >/dev/null 2>&1 || status=1
  wait "$runner" || status=1
  {
    echo "# exclusive"; "$TOOLS/dotnet-trace" report "$OUT/trace-$mode.nettrace" topN -n 25
    echo "# inclusive"; "$TOOLS/dotnet-trace" report "$OUT/trace-$mode.nettrace" topN -n 25 --inclusive
  } >"$OUT/trace-$mode-top.txt" 2>&1
  grep -E 'p99|gateway-' "$OUT/$mode.log" | head -5
done
echo "results: $OUT (counters-*.csv, trace-*.nettrace, trace-*-top.txt, <mode>/report.html)"
exit "$status"
