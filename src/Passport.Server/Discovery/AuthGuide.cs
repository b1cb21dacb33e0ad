using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Server.Configuration;

namespace Passport.Server.Discovery;

/// <summary><c>GET /auth.md</c>: the step-by-step guide of seeds/004, generated from the live configuration.</summary>
internal static class AuthGuide
{
    public static IResult Get(IOptions<PassportServerOptions> options)
    {
        var o = options.Value;
        var audiences = o.Audiences.Count == 0 ? "(none besides the issuer)" : string.Join(", ", o.Audiences.Select(a => $"`{a}`"));
        var text = $$"""
            # Passport — how to authenticate

            Issuer: `{{o.IssuerOrigin}}` · JWKS: {{o.Url(WellKnownPaths.Jwks)}} · AS metadata: {{o.Url(WellKnownPaths.AuthorizationServer)}}

            Passport identifies an agent by a `did:key` (Ed25519). Tokens are EdDSA JWTs bound to the agent's key with DPoP
            (RFC 9449): every request carries `Authorization: DPoP <token>` (or `Bearer <token>`) **and** a fresh `DPoP` proof.

            ## 1. Register (once)

                POST {{o.Url("/auth/register")}}
                Content-Type: application/json

                {"did": "did:key:z6Mk…", "ownerEmail": "owner@example.com", "name": "My Agent"}

            → `201 {"handle", "did", "status": "UNCLAIMED", "name", "createdAt"}`. With `ownerEmail`, the owner gets a claim link
            (`{{o.Url("/claim?token=…")}}`, single-use, {{o.ClaimTokenTtlHours}} h) that sets the status to `CLAIMED` via `POST {{o.Url("/auth/claim")}}` `{"token"}`.

            ## 2. Challenge

                POST {{o.Url("/auth/challenge")}}
                {"did": "did:key:z6Mk…"}

            → `{"nonce": "<64 lowercase hex digits>", "expiresAt": "<ISO 8601 UTC>"}`. The nonce is 32 random bytes in hex,
            valid {{o.ChallengeTtlSeconds}} s, single-use, bound to that DID.

            ## 3. Token

            Sign the **32 raw nonce bytes** (hex-decode the nonce; do not sign the hex text) with the DID's Ed25519 key and send
            the signature in base64 (standard or URL-safe alphabet, padding optional), with a DPoP proof for this endpoint:

                POST {{o.Url("/auth/token")}}
                DPoP: <proof: typ dpop+jwt, alg EdDSA, jwk = your public key; jti, htm "POST", htu "{{o.Url("/auth/token")}}", iat>
                {"did": "did:key:z6Mk…", "nonce": "…", "signature": "…", "aud": "<resource server>"}

            → `{"token", "access_token", "token_type": "DPoP"}`. `aud` (or RFC 8707 `resource`, a string or an array naming one
            resource) must be the issuer (the default when omitted), one of {{audiences}}, or a URL below one of them at a
            path boundary (the token's `aud` is then that URL); anything else is `400 invalid_target`. Tokens have no `exp`: the key is the credential.

            ## 4. Call a resource

                GET {{o.Url("/me")}}
                Authorization: DPoP <token>
                DPoP: <fresh proof: htm "GET", htu "{{o.Url("/me")}}", ath = base64url(SHA-256(token))>

            → `{"did", "handle", "status", "name"}`. Every proof is single-use (fresh `jti`) and its `iat` must be within
            ±{{o.ProofWindowSeconds}} s. A `401` carries `WWW-Authenticate: Bearer realm="passport", resource_metadata="{{o.Url(WellKnownPaths.ProtectedResource)}}"`.

            ## Delegation

            A principal grants an actor scopes with `POST {{o.Url("/api/delegations")}}` `{"actor": "<handle>", "scope": ["read:data"]}`;
            the actor exchanges its own token at `POST {{o.Url("/auth/token/exchange")}}` `{"principal": "<handle>", "scope"?, "aud"?}`
            (DPoP proof for that URL) for a token with `sub` = principal, `act` = actor, `scope`, `grant_id`. Delegation is non-transitive.

            ## Owner actions

            The owner of a CLAIMED record asks for a single-use link ({{o.OwnerLinkTtlMinutes}} min) with
            `POST {{o.Url("/auth/owner/request")}}` `{"handle", "action": "rotate|revoke|delegate", …}` and approves it at the mailed
            `{{o.Url("/owner/approve?token=…")}}`. A rotated DID's tokens get `401`; a revoked record's tokens get `403`.
            Revocations are published at `{{o.Url("/api/revocations")}}?since=<id>`.
            """;
        return Results.Text(text, "text/markdown; charset=utf-8");
    }
}
