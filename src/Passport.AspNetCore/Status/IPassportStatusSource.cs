using Microsoft.AspNetCore.Http;
using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;

namespace Passport.AspNetCore.Status;

/// <summary>
/// Step 4 of the request path: is the identity behind a verified token still good? The gateway answers from its
/// revocation cache, the IdP from its database; the default (<see cref="TokenStatusSource"/>) checks only the token's
/// own <c>status</c> claim. Runs before the replay record, so a refused proof consumes no replay-store space.
/// </summary>
public interface IPassportStatusSource
{
    /// <summary>
    /// Null when <paramref name="token"/> may be accepted; otherwise a refusal from <see cref="RefusalCatalog"/>
    /// (e.g. <see cref="RefusalCatalog.Revoked"/>, <see cref="RefusalCatalog.Rotated"/>, <see cref="RefusalCatalog.GrantRevoked"/>,
    /// or <see cref="RefusalCatalog.RevocationUnavailable"/> when the source cannot tell: fail closed).
    /// </summary>
    ValueTask<Refusal?> CheckAsync(HttpContext context, PassportTokenClaims token);
}

/// <summary>The default status source: refuses tokens issued with <c>status: REVOKED</c>; knows no later revocation.</summary>
public sealed class TokenStatusSource : IPassportStatusSource
{
    /// <inheritdoc />
    public ValueTask<Refusal?> CheckAsync(HttpContext context, PassportTokenClaims token) =>
        ValueTask.FromResult(token.Status == PassportStatus.Revoked ? RefusalCatalog.Revoked : null);
}
