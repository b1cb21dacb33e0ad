using Passport.Core.Tokens;
using Passport.Gateway.Authentication;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// A verified foreign token as the gateway's <see cref="PassportPrincipal"/>, so the rest of the request path (proof,
/// replay, route policy, identity headers) is the Passport one: <c>sub</c> (the client when there is none, as for a
/// client_credentials token without <c>sub</c>), the matched <c>aud</c>, <c>cnf.jkt</c>, the scopes, the actor.
/// No handle, status or grant: those are Passport record facts.
/// </summary>
internal static class ForeignTokenPrincipal
{
    /// <summary>The principal, or null when the token names neither a subject nor a client (nothing to forward as <c>X-Passport-Sub</c>).</summary>
    public static PassportPrincipal? From(ForeignTokenClaims claims)
    {
        var subject = claims.Subject ?? claims.ClientId;
        if (string.IsNullOrEmpty(subject)) return null;
        var token = new PassportTokenClaims
        {
            Issuer = claims.Issuer,
            Audience = claims.Audience,
            Subject = subject,
            JwtId = claims.JwtId ?? "",
            IssuedAt = claims.IssuedAt,
            // Empty when the entry allows unbound tokens (RequireDpop false): the proof is then checked but bound to no key.
            Jkt = claims.Jkt ?? "",
            ExpiresAt = claims.ExpiresAt,
            Actor = claims.Actor is null ? null : new PassportActor(claims.Actor, null),
            Scope = claims.Scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };
        return new PassportPrincipal(token, claims.IssuerName);
    }
}
