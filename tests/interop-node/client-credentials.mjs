// A stock OAuth client (oauth4webapi, not this project's code) gets a DPoP-bound token from the Passport IdP with
// client_credentials + private_key_jwt (RFC 7523) and calls the gateway with its own DPoP proofs (issue 16 §6).
// Usage: node client-credentials.mjs <issuer> <gateway origin> <gateway path>
// Prints one JSON line: {did, tokenType, call, replay} with the HTTP statuses of the gateway call and of the replay.
import * as oauth from 'oauth4webapi'

const [issuerUrl, gatewayOrigin, gatewayPath] = process.argv.slice(2)
const insecure = { [oauth.allowInsecureRequests]: true } // 127.0.0.1 over http in the test only

// The agent's key and its did:key (multicodec ed25519-pub 0xed01, base58btc): the client_id.
const keyPair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])
const raw = new Uint8Array(await crypto.subtle.exportKey('raw', keyPair.publicKey))
const did = 'did:key:z' + base58btc(new Uint8Array([0xed, 0x01, ...raw]))

// Registration is Passport's own API (docs/api-contract.md), not OAuth.
const registered = await fetch(new URL('/auth/register', issuerUrl), {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ did, name: 'oauth4webapi agent' }),
})
if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`)

const issuer = new URL(issuerUrl)
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }))
const client = { client_id: did }
const DPoP = oauth.DPoP(client, keyPair)
const response = await oauth.clientCredentialsGrantRequest(
  as, client, oauth.PrivateKeyJwt(keyPair.privateKey), new URLSearchParams({ resource: gatewayOrigin }), { DPoP, ...insecure })
const tokens = await oauth.processClientCredentialsResponse(as, client, response)

// Call the gateway; capture the request so that it can be replayed verbatim (same proof).
let captured
const call = await oauth.protectedResourceRequest(tokens.access_token, 'GET', new URL(gatewayPath, gatewayOrigin), undefined, undefined, {
  DPoP,
  ...insecure,
  [oauth.customFetch]: (url, init) => { captured = { url, headers: new Headers(init.headers) }; return fetch(url, init) },
})
const replay = await fetch(captured.url, { headers: captured.headers })

console.log(JSON.stringify({ did, tokenType: tokens.token_type, call: call.status, replay: replay.status }))

function base58btc (bytes) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
  let n = 0n
  for (const b of bytes) n = n * 256n + BigInt(b)
  let out = ''
  while (n > 0n) { out = alphabet[Number(n % 58n)] + out; n /= 58n }
  for (const b of bytes) { if (b !== 0) break; out = '1' + out }
  return out
}
