using Passport.Core.Tokens;
using Passport.Gateway.Forwarding;

namespace Passport.Gateway.Authentication;

/// <summary>
/// The authenticated caller at the gateway: the package's principal plus the identity header values, computed once per
/// token (the principal is cached with the token, so a cache hit allocates nothing here).
/// </summary>
public sealed class PassportPrincipal : AspNetCore.PassportPrincipal
{
    internal PassportPrincipal(PassportTokenClaims token)
        : base(token)
    {
        Headers = IdentityHeaderValues.From(token);
    }

    internal IdentityHeaderValues Headers { get; }
}
