using Passport.AspNetCore.Refusals;
using Passport.Core.Identity;
using Passport.Core.Protocol;
using Passport.Core.Tokens;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Storage;
using Passport.Server.Tokens;

namespace Passport.Server.Delegation;

/// <summary>
/// <c>POST /auth/token/exchange</c> (RFC 8693 in spirit; JSON body): the actor presents its own self token + DPoP and
/// <c>{principal, scope?, aud?}</c>; receives the delegation token of seeds/004 with <c>act</c>, <c>scope</c> ⊆ granted and <c>grant_id</c>.
/// </summary>
internal static partial class TokenExchangeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IRecordStore records, IDelegationStore grants, AudiencePolicy audiences,
        TokenMinter minter, ILogger<TokenMinter> logger)
    {
        var caller = DelegationEndpoints.SelfCaller(context);
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var root = body.RootElement;
        var principalHandle = JsonFields.Required(root, "principal", Handle.MaxLength);
        var requested = DelegationService.ReadScope(root, required: false);
        var audience = audiences.Resolve(root);

        var principal = Handle.IsValid(principalHandle) ? await records.FindByHandleAsync(principalHandle) : null;
        var grant = principal is null ? null : await grants.FindActiveAsync(principal.Handle, caller.Subject.Handle);
        if (principal is null || grant is null)
        {
            throw ApiProblem.Forbidden(ProblemCodes.DelegationNoGrant, "The principal has no active delegation to the caller.");
        }
        if (principal.Status == PassportStatus.Revoked) throw ApiProblem.Forbidden(RefusalCatalog.Revoked.Code, "The principal's record is revoked.");
        var scope = requested is null || requested.Count == 0 ? grant.Scope : requested;
        var missing = scope.Where(s => !grant.Scope.Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw ApiProblem.Forbidden(ProblemCodes.InvalidScope, $"Scope not granted: {string.Join(' ', missing)}.");
        }
        var token = minter.IssueDelegation(principal, caller.Subject, caller.Claims.Jkt, scope, grant.Id, audience);
        LogExchanged(logger, caller.Subject.Handle, principal.Handle, grant.Id);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { token, access_token = token, token_type = DpopConstants.TokenType, scope, grant_id = grant.Id });
    }

    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Delegation token issued to {Actor} for {Principal} under {GrantId}")]
    private static partial void LogExchanged(ILogger logger, string actor, string principal, string grantId);
}
