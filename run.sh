#!/usr/bin/env bash
# Placeholder: the full stack (IdP + gateway + LegacyApi) arrives with the stack issue.
set -euo pipefail
cat <<'TXT'
run.sh will start the PassportGateway stack:
  Passport IdP (src/Passport.Server)         http://127.0.0.1:8081
  Passport gateway (src/Passport.Gateway)    http://127.0.0.1:8080
  legacy upstream (samples/LegacyApi)        http://127.0.0.1:8082
The full stack arrives with the stack issue; nothing is started yet.
Meanwhile: dotnet run --project samples/LegacyApi    (listens on http://127.0.0.1:8082)
TXT
