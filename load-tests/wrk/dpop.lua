-- wrk cross-check with a fresh DPoP proof per request, each used once.
--   wrk -t2 -c32 -d15s --latency -s load-tests/wrk/dpop.lua http://127.0.0.1:PORT/orders -- PROOFS_FILE "DPoP <token>" 2
-- PROOFS_FILE holds pre-generated proofs, one per line (`Passport.Load wrk` writes it). Thread k of n takes lines
-- k, k+n, k+2n, ... so no proof is sent twice. When a thread runs out it resends its last proof: the gateway
-- refuses that replay and wrk reports it under "Non-2xx or 3xx responses", so an undersized file is visible.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local file = args[1]
  authorization = args[2]
  local threads = tonumber(args[3] or "1")
  proofs = {}
  local i = 0
  for line in io.lines(file) do
    if i % threads == id then
      proofs[#proofs + 1] = line
    end
    i = i + 1
  end
  next_index = 1
end

function request()
  local proof = proofs[next_index]
  if proof == nil then
    proof = proofs[#proofs]
  else
    next_index = next_index + 1
  end
  return wrk.format("GET", nil, { ["Authorization"] = authorization, ["DPoP"] = proof })
end
