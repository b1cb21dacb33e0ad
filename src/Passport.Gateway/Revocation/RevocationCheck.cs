using Passport.Core.Tokens;
using Passport.Gateway.Refusals;

namespace Passport.Gateway.Revocation;

/// <summary>
/// Step 5 of the request path. Revoked (token status, record, grant) → 403: no new token can help. Rotated DID → 401:
/// the agent can authenticate again with its current key. A revocation list that is not current → 503 (fail closed).
/// </summary>
internal static class RevocationCheck
{
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
