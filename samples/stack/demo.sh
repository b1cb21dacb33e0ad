# The narrated demo of ./run.sh: an agent gets a Passport, calls the unmodified legacy API through the gateway, calls
# the MCP server's tools through the gateway with the official MCP client, and is refused when it replays a proof,
# oversteps a delegation, omits the proof or is revoked. Sourced by run.sh after the stack is healthy;
# uses PASSPORT_CLI, MCP_AGENT, IDP, GATEWAY, DATA, PASSES, PASS_PROVIDER and the narration functions of lib.sh. Returns
# non-zero when a step does not behave as expected, so that the stack tests can run it.
# With PASSES=1 (./run.sh --passes) the owner approvals (claim, revoke) are not taken from the dev outbox automatically:
# the approval page link is printed and the demo waits, bounded by PASSES_WAIT_SECONDS (600), for the owner to
# approve it in a browser through the Pass Provider.

PASSES_WAIT_SECONDS=${PASSES_WAIT_SECONDS:-600}

DEMO_FAILURES=0

# agent NAME ARGS...: runs the passport CLI with NAME's own state folder.
agent() {
  local name=$1; shift
  PASSPORT_HOME="$DATA/agents/$name" "${PASSPORT_CLI[@]}" "$@"
}

# json_field NAME: first string or number value of "NAME" in the JSON on stdin.
json_field() {
  { grep -o "\"$1\":[[:space:]]*\(\"[^\"]*\"\|[0-9]*\)" | head -n 1 | sed -E 's/^"[^"]*":[[:space:]]*"?([^"]*)"?$/\1/'; } || true
}

# expect WHAT WANT GOT: prints ✓ or ✗ with the HTTP status and counts failures.
expect() {
  local what=$1 want=$2 got=$3
  if [ "$got" = "$want" ]; then ok "$what → HTTP $got"
  else fail "$what → HTTP $got (expected $want)"; DEMO_FAILURES=$((DEMO_FAILURES + 1)); fi
}

# status_of NAME ARGS...: runs `passport call … --json` and prints the HTTP status it got.
status_of() {
  local out status
  out=$(agent "$@" --json 2>&1 || true)
  status=$(printf '%s' "$out" | json_field status)
  [ -n "$status" ] || say "passport $*: $(printf '%s' "$out" | head -c 300)" >&2
  printf '%s' "$status"
}

# newest_link PATH: the newest link in the dev outbox whose path is PATH (e.g. /claim, /owner/approve).
newest_link() {
  { agent alice outbox --issuer "$IDP" --show-links --json 2>/dev/null || true; } \
    | { grep -o "\"https\?://[^\"]*$1?token=[^\"]*\"" || true; } | tail -n 1 | tr -d '"'
}

# registry_status HANDLE: the record's status as the public registry shows it.
registry_status() {
  { curl -fsS --max-time 5 "$IDP/registry/$1" 2>/dev/null || true; } | json_field status
}

# approve_with_passes WHAT LINK_PATH PASSES_PATH HANDLE WANT: prints the Passes page of the newest LINK_PATH link and
# waits until HANDLE's status is WANT (the owner approved in the browser), printing progress; fails after
# PASSES_WAIT_SECONDS.
approve_with_passes() {
  local what=$1 link_path=$2 passes_path=$3 handle=$4 want=$5 link token waited=0 status=""
  link=$(newest_link "$link_path")
  if [ -z "$link" ]; then
    fail "$what: the dev outbox holds no $link_path link"; DEMO_FAILURES=$((DEMO_FAILURES + 1)); return 1
  fi
  token=${link#*\?token=}
  say "the owner approves with the Pass Provider at $PASS_PROVIDER — open this link in your browser:"
  printf '\n    %s%s?token=%s\n\n' "$IDP" "$passes_path" "$token"
  say "(the page opens the Pass Provider; approve there, then come back to this terminal)"
  while [ "$waited" -lt "$PASSES_WAIT_SECONDS" ]; do
    status=$(registry_status "$handle")
    if [ "$status" = "$want" ]; then ok "$what approved through Passes: $handle is $want"; return 0; fi
    if [ $((waited % 30)) -eq 0 ]; then say "waiting for the approval of '$what' ($waited s of $PASSES_WAIT_SECONDS s; $handle is ${status:-unknown})"; fi
    sleep 2
    waited=$((waited + 2))
  done
  fail "$what was not approved within $PASSES_WAIT_SECONDS s ($handle is ${status:-unknown}); open the link above and approve it, or run ./run.sh without --passes"
  DEMO_FAILURES=$((DEMO_FAILURES + 1))
  return 1
}

run_demo() {
  rm -rf "$DATA/agents"
  mkdir -p "$DATA/agents"

  step "1. An agent creates its key pair (Ed25519; the DID encodes the public key)"
  agent alice keygen --name "Research Agent" | sed 's/^/  /'

  step "2. It registers with the IdP, naming its human owner"
  local registered alice_handle
  registered=$(agent alice register --issuer "$IDP" --owner-email owner@example.com --name "Research Agent" --json)
  alice_handle=$(printf '%s' "$registered" | json_field handle)
  ok "handle $alice_handle, status UNCLAIMED"

  step "3. The owner claims it with the link mailed to them (dev outbox at $IDP/dev/outbox)"
  if [ "${PASSES:-0}" = 1 ]; then
    approve_with_passes "claim of $alice_handle" /claim /claim/passes "$alice_handle" CLAIMED || { demo_end; return 1; }
  else
    agent alice claim --from-outbox --issuer "$IDP" | sed 's/^/  /'
  fi

  step "4. It discovers the gateway's audience from a 401 and gets a DPoP-bound token"
  agent alice login --resource "$GATEWAY/orders" | sed 's/^/  /'

  step "5. It calls the legacy API through the gateway — a fresh DPoP proof per request"
  expect "GET /orders as $alice_handle" 200 "$(status_of alice call GET "$GATEWAY/orders")"
  say "what the unmodified legacy API received (it knows nothing about Passport):"
  agent alice call GET "$GATEWAY/headers" 2>/dev/null | grep -io '"x-passport-[a-z-]*":[[:space:]]*"[^"]*"' | sed 's/^/    /' || true

  step "6. A captured request is replayed with the same proof"
  local replay
  replay=$(agent alice call GET "$GATEWAY/orders" --replay --json 2>/dev/null || true)
  expect "first use of the proof" 200 "$(printf '%s' "$replay" | json_field status)"
  expect "same proof again (replay)" 401 "$(printf '%s' "$replay" | json_field replayStatus)"

  step "7. A second agent is delegated read:orders by the first"
  agent bob keygen --name "Helper Agent" >/dev/null
  local bob_handle
  bob_handle=$(agent bob register --issuer "$IDP" --json | json_field handle)
  ok "second agent: $bob_handle"
  agent bob login --resource "$GATEWAY/orders" >/dev/null
  agent alice grant "$bob_handle" --scope read:orders | sed 's/^/  /'
  agent bob delegate --principal "$alice_handle" --scope read:orders --resource "$GATEWAY/orders" | sed 's/^/  /'
  expect "GET /orders by $bob_handle acting for $alice_handle" 200 "$(status_of bob call GET "$GATEWAY/orders")"
  expect "POST /orders by $bob_handle (route needs write:orders)" 403 \
    "$(status_of bob call POST "$GATEWAY/orders" --data '{"item":"tea","quantity":1}')"

  step "8. An MCP client (official C# SDK + DpopHandler) lists and calls tools through the gateway at /mcp"
  local mcp_out
  if mcp_out=$(PASSPORT_HOME="$DATA/agents/alice" "${MCP_AGENT[@]}" "$GATEWAY/mcp" 2>&1); then
    printf '%s\n' "$mcp_out" | sed 's/^/    /'
    ok "MCP tools listed and called as $alice_handle, a fresh DPoP proof per HTTP request"
  else
    printf '%s\n' "$mcp_out" | sed 's/^/    /'
    fail "the MCP agent failed"; DEMO_FAILURES=$((DEMO_FAILURES + 1))
  fi
  if mcp_out=$(PASSPORT_HOME="$DATA/agents/alice" "${MCP_AGENT[@]}" "$GATEWAY/mcp" --without-proof 2>&1); then
    ok "the same token without a DPoP proof → $mcp_out"
  else
    fail "MCP without a proof was not refused: $mcp_out"; DEMO_FAILURES=$((DEMO_FAILURES + 1))
  fi

  step "9. The owner revokes the first agent"
  if [ "${PASSES:-0}" = 1 ]; then
    agent alice revoke | sed 's/^/  /'
    approve_with_passes "revocation of $alice_handle" /owner/approve /owner/passes "$alice_handle" REVOKED || { demo_end; return 1; }
  else
    agent alice revoke --from-outbox | sed 's/^/  /'
  fi
  local status="" i
  for i in $(seq 1 10); do   # the gateway learns of revocations within a second (feed polling or Redis pub/sub)
    status=$(status_of alice call GET "$GATEWAY/orders")
    [ "$status" = 403 ] && break
    sleep 0.3
  done
  expect "GET /orders by the revoked agent" 403 "$status"
  expect "GET /orders by $bob_handle acting for the revoked agent" 403 "$(status_of bob call GET "$GATEWAY/orders")"

  demo_end
}

# demo_end: the closing line; non-zero when a step did not behave as expected.
demo_end() {
  echo
  if [ "$DEMO_FAILURES" -eq 0 ]; then
    ok "demo complete: every step behaved as expected"
  else
    fail "demo finished with $DEMO_FAILURES unexpected result(s); see $DATA/logs/"
    return 1
  fi
}
