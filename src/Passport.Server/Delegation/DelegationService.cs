using System.Security.Cryptography;
using System.Text.Json;
using Passport.AspNetCore.Refusals;
using Passport.Core.Identity;
using Passport.Core.Tokens;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Revocation;
using Passport.Server.Storage;

namespace Passport.Server.Delegation;

/// <summary>Grants and revokes delegations; used by the agent API and by the owner actions.</summary>
internal sealed partial class DelegationService(IRecordStore records, IDelegationStore grants, RevocationNotifier notifier, TimeProvider time,
    ILogger<DelegationService> logger)
{
    public const int MaxScopes = 32;
    public const int MaxScopeLength = 128;

    public static IReadOnlyList<string>? ReadScope(JsonElement root, bool required)
    {
        var scope = JsonFields.OptionalStringArray(root, "scope", MaxScopes, MaxScopeLength);
        if (required && (scope is null || scope.Count == 0))
        {
            throw ApiProblem.BadRequest(ProblemCodes.MissingField, "The field 'scope' is required: a non-empty array of scope strings, e.g. [\"read:orders\"].");
        }
        return scope;
    }

    public async Task<DelegationGrant> GrantAsync(PassportRecord principal, string actorHandle, IReadOnlyList<string> scope)
    {
        if (actorHandle == principal.Handle) throw ApiProblem.BadRequest(ProblemCodes.DelegationSelf, "An agent cannot delegate to itself.");
        var actor = (Handle.IsValid(actorHandle) ? await records.FindByHandleAsync(actorHandle) : null)
            ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has the actor handle.");
        if (actor.Status == PassportStatus.Revoked) throw ApiProblem.Forbidden(RefusalCatalog.Revoked.Code, "The actor's record is revoked.");
        var grant = new DelegationGrant("dg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), principal.Handle, actor.Handle,
            scope, DelegationGrant.Active, time.GetUtcNow(), null);
        await grants.CreateAsync(grant);
        LogGranted(logger, grant.Id, principal.Handle, actor.Handle);
        return grant;
    }

    public async Task<bool> RevokeAsync(DelegationGrant grant, PassportRecord principal)
    {
        var revoked = await grants.RevokeAsync(grant.Id, principal.Did, time.GetUtcNow());
        if (revoked is null) return false;
        await notifier.NotifyAsync(revoked);
        LogRevoked(logger, grant.Id);
        return true;
    }

    public static object ToJson(DelegationGrant grant) => new
    {
        id = grant.Id,
        principal = grant.Principal,
        actor = grant.Actor,
        scope = grant.Scope,
        status = grant.Status,
        createdAt = grant.CreatedAt,
        revokedAt = grant.RevokedAt,
    };

    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Delegation {GrantId} granted by {Principal} to {Actor}")]
    private static partial void LogGranted(ILogger logger, string grantId, string principal, string actor);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Delegation {GrantId} revoked")]
    private static partial void LogRevoked(ILogger logger, string grantId);
}
