using Passport.Core.Tokens;
using Passport.Gateway.Configuration;
using Passport.Gateway.Forwarding;

namespace Passport.Gateway.Authentication;

/// <summary>
/// The authenticated caller at the gateway: the package's principal plus the identity header values, computed once per
/// token (the principal is cached with the token, so a cache hit allocates nothing here).
/// </summary>
public sealed class PassportPrincipal : AspNetCore.PassportPrincipal
{
    internal PassportPrincipal(PassportTokenClaims token, string issuerName = IssuerNames.Passport)
        : base(token)
    {
        Headers = IdentityHeaderValues.From(token);
        IssuerName = issuerName;
    }

    internal IdentityHeaderValues Headers { get; }

    /// <summary>The issuer's name for route allow-lists: <see cref="IssuerNames.Passport"/> or the <c>Passport:Issuers</c> entry's <c>Name</c>.</summary>
    internal string IssuerName { get; }

    /// <summary>True for a token of a <c>Passport:Issuers</c> entry (no revocation feed, no Passport record).</summary>
    internal bool IsForeign => IssuerName != IssuerNames.Passport;
}
