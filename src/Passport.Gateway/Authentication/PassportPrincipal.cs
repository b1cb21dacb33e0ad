using System.Security.Claims;
using Passport.Core.Tokens;
using Passport.Gateway.Forwarding;

namespace Passport.Gateway.Authentication;

/// <summary>
/// The authenticated caller: the verified token claims plus the identity header values, computed once per token
/// (the principal is cached with the token, so a cache hit allocates nothing here).
/// </summary>
public sealed class PassportPrincipal : ClaimsPrincipal
{
    internal PassportPrincipal(PassportTokenClaims token)
        : base(CreateIdentity(token))
    {
        Token = token;
        Headers = IdentityHeaderValues.From(token);
    }

    /// <summary>The verified claims of the access token.</summary>
    public PassportTokenClaims Token { get; }

    internal IdentityHeaderValues Headers { get; }

    private static ClaimsIdentity CreateIdentity(PassportTokenClaims token)
    {
        var claims = new List<Claim>(8)
        {
            new(PassportClaimNames.Subject, token.Subject),
            new(PassportClaimNames.JwkThumbprint, token.Jkt),
        };
        if (token.Handle is not null) claims.Add(new(PassportClaimNames.Handle, token.Handle));
        if (token.Status is not null) claims.Add(new(PassportClaimNames.Status, token.Status));
        if (token.Name is not null) claims.Add(new(PassportClaimNames.Name, token.Name));
        if (token.Actor is not null) claims.Add(new(PassportClaimNames.Actor, token.Actor.Subject));
        if (token.Scope is not null) claims.AddRange(token.Scope.Select(s => new Claim(PassportClaimNames.Scope, s)));
        return new ClaimsIdentity(claims, PassportAuthenticationDefaults.Scheme, PassportClaimNames.Subject, null);
    }
}
