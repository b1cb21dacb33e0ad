#!/usr/bin/env bash
# Long-run fuzzing of one target with afl++ and SharpFuzz (the bounded in-process run is Passport.Fuzz.Tests).
# Usage: tests/Passport.Fuzz/run-afl.sh <target> [seconds]     (seconds: stop after that long; default: until Ctrl-C)
#        tests/Passport.Fuzz/run-afl.sh --list
# Needs afl++ (Debian: apt-get install -y afl++) and the SharpFuzz.CommandLine dotnet tool (installed when missing).
# Output: $FUZZ_OUT (default tests/Passport.Fuzz/findings, git-ignored)/<target>/afl/default/{queue,crashes,hangs};
# every crash is replayed at the end with the uninstrumented harness, which prints the exception.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${FUZZ_OUT:-$here/findings}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ "${1:-}" = "" ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then sed -n '2,7p' "$0"; exit 2; fi

build="$out/build"          # instrumented copy, rebuilt every run (sharpfuzz rewrites the DLLs in place)
plain="$out/plain"          # uninstrumented copy, to list targets and replay crashes
rm -rf "$build" "$plain"
dotnet publish "$here/Passport.Fuzz.csproj" -c Release -o "$plain" --nologo -v q >/dev/null
if [ "$1" = "--list" ]; then dotnet "$plain/Passport.Fuzz.dll" --list; exit 0; fi
target="$1"; seconds="${2:-0}"
dotnet "$plain/Passport.Fuzz.dll" --list | grep -qx "$target" || { echo "unknown target $target" >&2; exit 2; }

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install -y afl++" >&2; exit 2; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install -g SharpFuzz.CommandLine --version 2.3.0 >/dev/null

cp -r "$plain" "$build"
# Instrument the libraries whose parsers are fuzzed (coverage feedback for afl++); the harness itself stays plain.
for dll in Passport.Core.dll Passes.dll Passport.Agent.dll SimpleBase.dll; do
  sharpfuzz "$build/$dll" >/dev/null
done

# Seeds only: crash regressions in corpus/<target>/regressions would make afl-fuzz refuse to start.
in="$out/$target/in"
rm -rf "$in"; mkdir -p "$in"
find "$here/corpus/$target" -maxdepth 1 -type f -exec cp {} "$in/" \;

args=(-i "$in" -o "$out/$target/afl" -t 5000 -m none)
[ "$seconds" -gt 0 ] && args+=(-V "$seconds")
# The dotnet host is not instrumented (the forkserver lives in the harness), and this is not a tuned fuzzing box.
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  afl-fuzz "${args[@]}" -- dotnet "$build/Passport.Fuzz.dll" "$target" || true

crashes=("$out/$target/afl/default/crashes"/id:*)
if [ -e "${crashes[0]}" ]; then
  echo "== ${#crashes[@]} crash(es) for $target; replaying:"
  dotnet "$plain/Passport.Fuzz.dll" "$target" "${crashes[@]}" || true
  echo "Keep each as tests/Passport.Fuzz/corpus/$target/regressions/<name> (see docs/fuzzing.md)."
else
  echo "== no crash for $target"
fi
