// An independent authorization server for the trusted-issuer interop test (issue 15 §1): oidc-provider (not this
// project's code) on 127.0.0.1:<port>, issuing RFC 9068 JWT access tokens signed ES256 through client_credentials,
// DPoP-bound (RFC 9449) when the token request carries a proof. Resource indicators (RFC 8707) name the gateway: the
// token's aud is always <gateway origin>; the resource <gateway origin>/short gets a 1-second lifetime (for the expired case)
// and the resource <gateway origin>/eddsa a token signed EdDSA (Ed25519, RFC 8037) instead of ES256.
// Usage: node oidc-provider-issuer.mjs <port> <gateway origin>
// Serves discovery at /.well-known/openid-configuration and keys at /jwks; runs until stopped. Client: agent / agent-secret.
import http from 'node:http'
import Provider from 'oidc-provider'
import * as jose from 'jose'

const [port, gatewayOrigin] = process.argv.slice(2)
const issuer = `http://127.0.0.1:${port}`

async function signingKey (alg, kid) {
  const { privateKey } = await jose.generateKeyPair(alg, { extractable: true })
  return { ...(await jose.exportJWK(privateKey)), kid, alg, use: 'sig' }
}

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'agent',
    client_secret: 'agent-secret',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'ES256', // the only key is ES256 (the default RS256 would need an RSA key)
  }],
  jwks: { keys: [await signingKey('ES256', 'es256-1'), await signingKey('EdDSA', 'eddsa-1')] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    dPoP: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => gatewayOrigin,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resource) => ({
        scope: 'read:orders',
        audience: gatewayOrigin,
        accessTokenTTL: resource.endsWith('/short') ? 1 : 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: resource.endsWith('/eddsa') ? 'EdDSA' : 'ES256' } },
      }),
    },
  },
})

http.createServer(provider.callback()).listen(Number(port), '127.0.0.1', () => console.log(`listening ${issuer}`))
