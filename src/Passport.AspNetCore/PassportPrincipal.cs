using System.Security.Claims;
using Passport.Core.Tokens;

namespace Passport.AspNetCore;

/// <summary>
/// The authenticated caller: a <see cref="ClaimsPrincipal"/> with <c>sub</c>, <c>cnf.jkt</c>, <c>handle</c>, <c>status</c>,
/// <c>name</c>, <c>act</c> and one <c>scope</c> claim per scope (names from <see cref="PassportClaimNames"/>), plus the
/// verified token claims themselves in <see cref="Token"/>. Hosts may derive from it to cache per-token values.
/// </summary>
public class PassportPrincipal : ClaimsPrincipal
{
    /// <summary>The principal of <paramref name="token"/>, authenticated by <paramref name="authenticationType"/>.</summary>
    public PassportPrincipal(PassportTokenClaims token, string authenticationType = PassportAuthenticationDefaults.AuthenticationScheme)
        : base(CreateIdentity(token, authenticationType))
    {
        Token = token;
    }

    /// <summary>The verified claims of the access token.</summary>
    public PassportTokenClaims Token { get; }

    /// <summary>True when the token carries every scope of <paramref name="scopes"/> (ordinal comparison).</summary>
    public bool HasScopes(IReadOnlyList<string> scopes)
    {
        foreach (var scope in scopes)
        {
            if (Token.Scope is null || !Token.Scope.Contains(scope, StringComparer.Ordinal)) return false;
        }
        return true;
    }

    private static ClaimsIdentity CreateIdentity(PassportTokenClaims token, string authenticationType)
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
        return new ClaimsIdentity(claims, authenticationType, PassportClaimNames.Subject, null);
    }
}
