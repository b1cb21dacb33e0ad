// A stock client (oauth4webapi, not this project's code) gets DPoP-bound ES256 tokens from oidc-provider
// (oidc-provider-issuer.mjs) with client_credentials and calls the gateway with its own ES256 DPoP proofs (issue 15 §1).
// Usage: node foreign-issuer-client.mjs <issuer> <gateway origin>
// Prints one JSON line: {tokenType, alg, bound, fresh:[status,status], replay, otherKey, notAllowed, expired, eddsa}; each
// refusal as {status, code} (the gateway's problem code); eddsa is {alg, fresh, replay} for an EdDSA-signed token bound
// to an Ed25519 DPoP key.
import * as oauth from 'oauth4webapi'

const [issuerUrl, gatewayOrigin] = process.argv.slice(2)
const insecure = { [oauth.allowInsecureRequests]: true } // 127.0.0.1 over http in the test only

const issuer = new URL(issuerUrl)
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }))
const client = { client_id: 'agent' }
const auth = oauth.ClientSecretBasic('agent-secret')
const keyPair = await oauth.generateKeyPair('ES256')
const DPoP = oauth.DPoP(client, keyPair)

async function token (resource, dpop = DPoP) {
  const response = await oauth.clientCredentialsGrantRequest(as, client, auth,
    new URLSearchParams({ resource, scope: 'read:orders' }), { DPoP: dpop, ...insecure })
  return oauth.processClientCredentialsResponse(as, client, response)
}

// One call through the gateway with a fresh proof from `dpop`; the request is captured so that it can be replayed.
let captured
async function call (accessToken, path, dpop = DPoP) {
  let outcome
  try {
    await oauth.protectedResourceRequest(accessToken, 'GET', new URL(path, gatewayOrigin), undefined, undefined, {
      DPoP: dpop,
      ...insecure,
      [oauth.customFetch]: async (url, init) => {
        captured = { url, headers: new Headers(init.headers) }
        const response = await fetch(url, init)
        outcome = await describe(response.clone())
        return response
      },
    })
  } catch (e) {
    // oauth4webapi throws on a challenge; the outcome was recorded from the response itself.
    if (!outcome) throw e
  }
  return outcome
}

async function describe (response) {
  const body = await response.text()
  let code = null
  try { code = JSON.parse(body).code ?? null } catch { }
  return { status: response.status, code }
}

const tokens = await token(gatewayOrigin)
const [header, payload] = tokens.access_token.split('.').slice(0, 2).map(p => JSON.parse(Buffer.from(p, 'base64url')))

const fresh = [await call(tokens.access_token, '/things'), await call(tokens.access_token, '/things')]
const replay = await describe(await fetch(captured.url, { headers: captured.headers }))
const otherKey = await call(tokens.access_token, '/things', oauth.DPoP(client, await oauth.generateKeyPair('ES256')))
const notAllowed = await call(tokens.access_token, '/idp-only/things')

// A 1-second token: wait (bounded) until its exp is in the past, then call.
const short = await token(`${gatewayOrigin}/short`)
const shortExp = JSON.parse(Buffer.from(short.access_token.split('.')[1], 'base64url')).exp
const deadline = Date.now() + 10_000
while (Date.now() / 1000 < shortExp + 1 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 100))
const expired = await call(short.access_token, '/things')

// An EdDSA-signed token (resource <gateway>/eddsa), bound to an Ed25519 DPoP key: the same rules with the other curve.
const edDpop = oauth.DPoP(client, await oauth.generateKeyPair('Ed25519'))
const edTokens = await token(`${gatewayOrigin}/eddsa`, edDpop)
const edFresh = [await call(edTokens.access_token, '/things', edDpop), await call(edTokens.access_token, '/things', edDpop)]
const edReplay = await describe(await fetch(captured.url, { headers: captured.headers }))
const eddsa = {
  alg: JSON.parse(Buffer.from(edTokens.access_token.split('.')[0], 'base64url')).alg,
  proofAlg: JSON.parse(Buffer.from(captured.headers.get('dpop').split('.')[0], 'base64url')).alg,
  fresh: edFresh,
  replay: edReplay,
}

console.log(JSON.stringify({
  tokenType: tokens.token_type,
  alg: header.alg,
  typ: header.typ,
  bound: typeof payload.cnf?.jkt === 'string',
  fresh,
  replay,
  otherKey,
  notAllowed,
  expired,
  eddsa,
}))
