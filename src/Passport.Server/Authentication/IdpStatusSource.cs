using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Status;
using Passport.Core.Tokens;
using Passport.Server.Storage;

namespace Passport.Server.Authentication;

/// <summary>
/// The IdP's status source for the Passport scheme (step 4 of the request path), from its database: the record of
/// <c>sub</c> (and of <c>act</c>) must exist under the token's DID and not be revoked (a DID rotated away is 401, an unknown
/// one 401, a revoked record 403), and a delegation token's grant must be active between exactly those two records (403).
/// The records it read become the <see cref="PassportCaller"/> of the request.
/// </summary>
internal sealed class IdpStatusSource(IRecordStore records, IDelegationStore delegations) : IPassportStatusSource
{
    public async ValueTask<Refusal?> CheckAsync(HttpContext context, PassportTokenClaims token)
    {
        if (token.Status == PassportStatus.Revoked) return RefusalCatalog.Revoked;
        var (subject, refusal) = await CurrentRecordAsync(token.Subject, token.IsDelegation ? null : token.Handle);
        if (refusal is not null) return refusal;
        PassportRecord? actor = null;
        DelegationGrant? grant = null;
        if (token.Actor is not null)
        {
            (actor, refusal) = await CurrentRecordAsync(token.Actor.Subject, token.Actor.Handle);
            if (refusal is not null) return refusal;
            grant = token.GrantId is null ? null : await delegations.FindAsync(token.GrantId);
            if (grant is null || grant.Status != DelegationGrant.Active || grant.Principal != subject!.Handle || grant.Actor != actor!.Handle)
            {
                return RefusalCatalog.GrantRevoked;
            }
        }
        new PassportCaller(token, subject!, actor, grant).Attach(context);
        return null;
    }

    /// <summary>The record of <paramref name="did"/> if it is current and not revoked; a DID rotated away (its handle now has another DID) is told apart from an unknown one.</summary>
    private async Task<(PassportRecord? Record, Refusal? Refusal)> CurrentRecordAsync(string did, string? handle)
    {
        var record = await records.FindByDidAsync(did);
        if (record is null)
        {
            var byHandle = handle is null ? null : await records.FindByHandleAsync(handle);
            return (null, byHandle is not null ? RefusalCatalog.Rotated : RefusalCatalog.Unknown);
        }
        return record.Status == PassportStatus.Revoked ? (null, RefusalCatalog.Revoked) : (record, null);
    }
}
