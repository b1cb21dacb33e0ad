#!/usr/bin/env bash
# Runs every test project of PassportGateway.sln and prints, as its last line:
#   tests: N passed, M failed[, K skipped]
# Usage: ./test.sh [--fast]      --fast skips tests marked [Trait("Category","Slow")]
# Installs the system packages the tests need (Debian/Ubuntu) when they are missing.
set -uo pipefail

# System packages the tests need; extend this list (space-separated Debian package names).
TEST_APT_PACKAGES="redis-server postgresql chromium podman buildah runc nodejs npm python3-aiosmtpd"

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

FAST=0
for arg in "$@"; do
  case "$arg" in
    --fast) FAST=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (expected --fast)" >&2; exit 2 ;;
  esac
done

# ---- system packages -------------------------------------------------------------------------
package_present() {
  case "$1" in
    redis-server) command -v redis-server >/dev/null 2>&1 && return 0 ;;
    # Node.js may come from another source than Debian (NodeSource bundles npm): the commands decide.
    nodejs) command -v node >/dev/null 2>&1 && return 0 ;;
    npm) command -v npm >/dev/null 2>&1 && return 0 ;;
    postgresql)
      { command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; } && return 0
      compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0 ;;
    chromium)
      for c in chromium chromium-browser google-chrome; do command -v "$c" >/dev/null 2>&1 && return 0; done ;;
    # The SMTP sink of the mail tests runs on Debian's python3 (tests/Passport.Testing/Smtp/SmtpSink.cs).
    python3-aiosmtpd)
      for p in /usr/bin/python3 python3; do "$p" -c "import aiosmtpd" >/dev/null 2>&1 && return 0; done ;;
  esac
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

install_missing_packages() {
  local missing=() pkg sudo=()
  for pkg in $TEST_APT_PACKAGES; do
    package_present "$pkg" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "${PASSPORT_SKIP_INSTALL:-}" = "1" ]; then
    echo "test.sh: missing ${missing[*]} (PASSPORT_SKIP_INSTALL=1, not installing)" >&2; return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: missing ${missing[*]}; no apt-get here, install them yourself" >&2; return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "test.sh: missing ${missing[*]}; not root and no password-less sudo, install them yourself" >&2; return 0
    fi
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null || echo "test.sh: apt-get update failed" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "test.sh: apt-get install ${missing[*]} failed; tests that need them will fail" >&2
}

install_missing_packages

# ---- build once ------------------------------------------------------------------------------
RESULTS="$(pwd)/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$RESULTS"
# Keep the five newest runs.
ls -1dt TestResults/run-* 2>/dev/null | tail -n +6 | xargs -r rm -rf

build_ok=0
for attempt in 1 2 3; do
  if dotnet build PassportGateway.sln -c Release -nologo -v:q >"$RESULTS/build.log" 2>&1; then
    build_ok=1; break
  fi
  # Another build in the same tree (file in use, or an output deleted under us) and no compile error: retry.
  if grep -qE 'MSB302[1267]|MSB3030|being used by another process' "$RESULTS/build.log" \
    && ! grep -qE 'error CS[0-9]+' "$RESULTS/build.log" && [ "$attempt" -lt 3 ]; then
    echo "test.sh: another build is using the output files, retrying in 20 s"; sleep 20
  else
    break
  fi
done
if [ "$build_ok" -ne 1 ]; then
  grep -E ': (error|warning) ' "$RESULTS/build.log" | sort -u | head -50
  echo "build failed (counted as 1 failure), full log: $RESULTS/build.log"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# ---- run every test project (in parallel, one log + TRX folder each) --------------------------
mapfile -t PROJECTS < <(dotnet sln PassportGateway.sln list 2>/dev/null | tr '\\' '/' | grep -E '\.csproj$' \
  | while read -r p; do grep -q 'Microsoft.NET.Test.Sdk' "$p" 2>/dev/null && echo "$p"; done)

if [ ${#PROJECTS[@]} -eq 0 ]; then
  echo "no test projects found in PassportGateway.sln"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

FILTER=()
[ "$FAST" -eq 1 ] && FILTER=(--filter "Category!=Slow")
JOBS="${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"
[ "$JOBS" -lt 2 ] && JOBS=2

run_project() {
  local proj="$1" name dir
  name="$(basename "$proj" .csproj)"; dir="$RESULTS/$name"
  mkdir -p "$dir"
  dotnet test "$proj" -c Release --no-build --nologo "${FILTER[@]}" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$dir" \
    --blame-hang-timeout 10m --blame-hang-dump-type none >"$dir/test.log" 2>&1
  echo $? >"$dir/exit"
}

for proj in "${PROJECTS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n 2>/dev/null || sleep 1; done
  run_project "$proj" &
done
wait

# ---- count -----------------------------------------------------------------------------------
attr() { sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | head -1; }

passed=0; failed=0; skipped=0; status=0
printf '%-32s %7s %7s %7s\n' project passed failed skipped
for proj in "${PROJECTS[@]}"; do
  name="$(basename "$proj" .csproj)"; dir="$RESULTS/$name"
  code="$(cat "$dir/exit" 2>/dev/null || echo 1)"
  p=0; f=0; s=0
  trx="$(find "$dir" -name '*.trx' -type f 2>/dev/null | head -1)"
  if [ -n "$trx" ]; then
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
    p="$(attr passed "$counters")"; p="${p:-0}"
    # xunit skips show up as total - executed (notExecuted stays 0 with VSTest); take the larger.
    t="$(attr total "$counters")"; e="$(attr executed "$counters")"; n="$(attr notExecuted "$counters")"
    s=$(( ${t:-0} - ${e:-0} )); [ "${n:-0}" -gt "$s" ] && s="${n:-0}"
    f=0
    for k in failed error timeout aborted; do v="$(attr "$k" "$counters")"; f=$((f + ${v:-0})); done
  fi
  note=""
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1; note="  (dotnet test exited $code without a failed test: crash or hang; counted as 1 failure)"
  fi
  [ "$f" -gt 0 ] && status=1
  printf '%-32s %7d %7d %7d%s\n' "$name" "$p" "$f" "$s" "$note"
  if [ "$f" -gt 0 ]; then
    grep -E '^\s+(Failed|Error Message)|^\s{3}\S' "$dir/test.log" | head -40 | sed 's/^/    /'
    echo "    full log: $dir/test.log"
  fi
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done

echo "results: $RESULTS"
line="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
