#!/usr/bin/env bash
# Runs the PassportGateway stack on loopback and a narrated demo:
#   IdP (Passport.Server) on 8081, gateway (Passport.Gateway.Host) on 8080, samples/LegacyApi on 8082,
#   samples/McpServer (MCP, streamable HTTP) on 8083, routed by the gateway at /mcp, and the sample Pass Provider
#   (samples/PassProvider, the owner's browser wallet for approvals) on 8084.
# Usage: ./run.sh [--no-demo] [--passes] [--redis] [--idp-port N] [--gateway-port N] [--api-port N] [--mcp-port N]
#                 [--passes-port N] [--redis-port N] [--data DIR]
#   --no-demo   start the stack, print how to use the CLI against it, and wait for Ctrl-C
#   --passes    the demo's owner approvals (claim, revoke) go through the Pass Provider: it prints each approval link
#               and waits (up to 10 min each) until you approve it in your browser; it never opens a browser itself
#   --redis     start a local redis-server (installed when missing) for replay and revocation
#   --data DIR  folder for the IdP's SQLite database and key, the demo agents and the logs (default ./.data)
# Ctrl-C (or the end of the demo) stops every process this script started, by PID.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DEMO=1 PASSES=0 REDIS=0 IDP_PORT=8081 GATEWAY_PORT=8080 API_PORT=8082 MCP_PORT=8083 PASSES_PORT=8084 REDIS_PORT=6390
DATA_ARG=.data
while [ $# -gt 0 ]; do
  case "$1" in
    --no-demo) DEMO=0 ;;
    --passes) PASSES=1 ;;
    --redis) REDIS=1 ;;
    --idp-port) IDP_PORT=$2; shift ;;
    --gateway-port) GATEWAY_PORT=$2; shift ;;
    --api-port) API_PORT=$2; shift ;;
    --mcp-port) MCP_PORT=$2; shift ;;
    --passes-port) PASSES_PORT=$2; shift ;;
    --redis-port) REDIS_PORT=$2; shift ;;
    --data) DATA_ARG=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$DATA_ARG"
DATA=$(cd "$DATA_ARG" && pwd)
LOGS="$DATA/logs"
mkdir -p "$LOGS"
source "$ROOT/samples/stack/lib.sh"

IDP="http://127.0.0.1:$IDP_PORT"
GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
API="http://127.0.0.1:$API_PORT"
MCP="http://127.0.0.1:$MCP_PORT"
PASS_PROVIDER="http://127.0.0.1:$PASSES_PORT/"

PIDS=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "stopping the stack (PIDs ${PIDS[*]})"
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$IDP_PORT" "$GATEWAY_PORT" "$API_PORT" "$MCP_PORT" "$PASSES_PORT"; do
  if port_taken "$port"; then
    fail "port $port on 127.0.0.1 is already in use; stop what uses it or pick another port (./run.sh --help)"
    exit 1
  fi
done

step "Building (Release, once)"
for project in src/Passport.Server src/Passport.Gateway.Host samples/LegacyApi samples/McpServer samples/McpAgent samples/PassProvider src/Passport.Cli; do
  if ! dotnet build "$project" -c Release -nologo -v quiet >"$LOGS/build.log" 2>&1; then
    cat "$LOGS/build.log" >&2; fail "build of $project failed"; exit 1
  fi
done
BIN=bin/Release/net10.0

if [ "$REDIS" = 1 ]; then
  if ! command -v redis-server >/dev/null 2>&1; then
    say "installing redis-server"
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    else sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; fi
  fi
  port_taken "$REDIS_PORT" && { fail "port $REDIS_PORT (redis) is in use; use --redis-port"; exit 1; }
  mkdir -p "$DATA/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$DATA/redis" >"$LOGS/redis.log" 2>&1 &
  PIDS+=($!)
  export Passport__Redis__Configuration="127.0.0.1:$REDIS_PORT"
  GATEWAY_STORES=(Passport__Replay__Store=Redis Passport__Revocation__Source=Redis)
else
  GATEWAY_STORES=(Passport__Replay__Store=Memory Passport__Revocation__Source=Feed)
fi

step "Starting the stack on loopback"
ASPNETCORE_ENVIRONMENT=Development dotnet "samples/LegacyApi/$BIN/LegacyApi.dll" --urls "$API" >"$LOGS/legacy-api.log" 2>&1 &
PIDS+=($!)
# The MCP server knows nothing about Passport either: its tools call the legacy API over HTTP.
ASPNETCORE_ENVIRONMENT=Development dotnet "samples/McpServer/$BIN/McpServer.dll" --urls "$MCP" --LegacyApi:BaseUrl "$API" \
  >"$LOGS/mcp-server.log" 2>&1 &
PIDS+=($!)
# The Pass Provider is a static page on its own origin; the IdP's owner pages offer it as the default provider.
dotnet "samples/PassProvider/$BIN/PassProvider.dll" --urls "${PASS_PROVIDER%/}" >"$LOGS/pass-provider.log" 2>&1 &
PIDS+=($!)
ASPNETCORE_ENVIRONMENT=Development Passport__Issuer="$IDP" Passport__Audiences__0="$GATEWAY" Passport__DataDirectory="$DATA/idp" \
  Passport__DevOutbox=true Passport__Passes__ProviderUrl="$PASS_PROVIDER" dotnet "src/Passport.Server/$BIN/Passport.Server.dll" --urls "$IDP" >"$LOGS/idp.log" 2>&1 &
PIDS+=($!)
# Routes come from the gateway's passport-gateway.defaults.json: GET /orders needs read:orders, POST /orders needs
# write:orders, everything else any valid Passport; the cluster points at the legacy API. run.sh adds the route
# /mcp (any valid Passport; Passport:Streaming, so its idle SSE stream is not cut after 100 s) to the MCP server (docs/mcp.md).
env "${GATEWAY_STORES[@]}" Passport__Issuer="$IDP" Passport__PublicOrigin="$GATEWAY" \
  "ReverseProxy__Clusters__legacy__Destinations__legacy-api__Address=$API" \
  ReverseProxy__Routes__mcp__ClusterId=mcp "ReverseProxy__Routes__mcp__Match__Path=/mcp/{**rest}" \
  ReverseProxy__Routes__mcp__Metadata__Passport__Streaming=true \
  "ReverseProxy__Clusters__mcp__Destinations__mcp-server__Address=$MCP" \
  dotnet "src/Passport.Gateway.Host/$BIN/Passport.Gateway.Host.dll" --urls "$GATEWAY" >"$LOGS/gateway.log" 2>&1 &
PIDS+=($!)

wait_healthy "legacy API" "$API/healthz" "$LOGS/legacy-api.log" || exit 1
wait_healthy "MCP server" "$MCP/healthz" "$LOGS/mcp-server.log" || exit 1
wait_healthy "Pass Provider" "$PASS_PROVIDER" "$LOGS/pass-provider.log" || exit 1
wait_healthy "IdP" "$IDP/healthz" "$LOGS/idp.log" || exit 1
wait_healthy "gateway" "$GATEWAY/healthz" "$LOGS/gateway.log" || exit 1
ok "IdP $IDP · gateway $GATEWAY · legacy API $API · MCP server $MCP at $GATEWAY/mcp · Pass Provider $PASS_PROVIDER (logs in $LOGS/)"

PASSPORT_CLI=(dotnet "$ROOT/src/Passport.Cli/$BIN/passport.dll")
MCP_AGENT=(dotnet "$ROOT/samples/McpAgent/$BIN/McpAgent.dll")
if [ "$DEMO" = 1 ]; then
  source "$ROOT/samples/stack/demo.sh"
  run_demo
else
  cat <<EOF

The stack is running. In another terminal, try the CLI (state in \$PASSPORT_HOME, default ~/.passport):
  alias passport='dotnet $ROOT/src/Passport.Cli/$BIN/passport.dll'
  export PASSPORT_HOME=\$(mktemp -d)
  passport keygen
  passport register --issuer $IDP --owner-email you@example.com --name "My Agent"
  passport login --resource $GATEWAY/orders
  passport call GET $GATEWAY/orders
  passport call GET $GATEWAY/headers
  passport outbox --issuer $IDP          # the dev outbox: claim and owner links
  # approve with Passes: open an owner link's /owner/passes?token=… (or /claim/passes?token=…) page; it offers the
  # Pass Provider at $PASS_PROVIDER
  dotnet $ROOT/samples/McpAgent/$BIN/McpAgent.dll $GATEWAY/mcp   # MCP tools through the gateway (same PASSPORT_HOME)
Press Ctrl-C to stop the stack.
EOF
  while :; do
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { fail "a stack process (PID $pid) exited; see $LOGS/"; exit 1; }
    done
    sleep 2
  done
fi
