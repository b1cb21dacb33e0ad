using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Status;
using Passport.Core.Tokens;
using Passport.Gateway.Tokens.Issuers;

namespace Passport.Gateway.Revocation;

/// <summary>
/// The gateway's status source (step 4 of the request path), from its revocation cache. Revoked (token status, record, grant) → 403: no new token can help. Rotated DID → 401:
/// the agent can authenticate again with its current key. A revocation list that is not current → 503 (fail closed).
/// Tokens of a <c>Passport:Issuers</c> entry are not checked: their issuer publishes no feed, so they are trusted until
/// <c>exp</c> (docs/issuers.md).
/// </summary>
internal sealed class RevocationCheck(IRevocationCache revocations, TrustedIssuers issuers) : IPassportStatusSource
{
    public ValueTask<Refusal?> CheckAsync(HttpContext context, PassportTokenClaims token) =>
        ValueTask.FromResult(issuers.Any && issuers.Find(token.Issuer) is not null ? null : Check(revocations, token));

    public static Refusal? Check(IRevocationCache cache, PassportTokenClaims token)
    {
        if (token.Status == PassportStatus.Revoked) return RefusalCatalog.Revoked;
        if (!cache.IsCurrent) return RefusalCatalog.RevocationUnavailable;
        var list = cache.List;
        var actor = token.Actor?.Subject;
        if (list.IsRevoked(token.Subject) || (actor is not null && list.IsRevoked(actor))) return RefusalCatalog.Revoked;
        if (token.GrantId is not null && list.IsGrantRevoked(token.GrantId)) return RefusalCatalog.GrantRevoked;
        if (list.IsRotated(token.Subject) || (actor is not null && list.IsRotated(actor))) return RefusalCatalog.Rotated;
        return null;
    }
}
