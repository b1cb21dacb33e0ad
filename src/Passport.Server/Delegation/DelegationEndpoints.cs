using Passport.Core.Identity;
using Passport.Server.Authentication;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Delegation;

/// <summary><c>POST/GET /api/delegations</c> and <c>DELETE /api/delegations/{id}</c>, for a principal agent with its own token + DPoP.</summary>
internal static class DelegationEndpoints
{
    public static async Task<IResult> CreateAsync(HttpContext context, DelegationService delegations)
    {
        var caller = SelfCaller(context);
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var actor = JsonFields.Required(body.RootElement, "actor", Handle.MaxLength);
        var scope = DelegationService.ReadScope(body.RootElement, required: true)!;
        var grant = await delegations.GrantAsync(caller.Subject, actor, scope);
        return Results.Json(DelegationService.ToJson(grant), ServerJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> ListAsync(HttpContext context, IDelegationStore grants)
    {
        var caller = PassportCaller.From(context);
        var handle = caller.Actor?.Handle ?? caller.Subject.Handle;
        var items = (await grants.ListForAsync(handle)).Select(DelegationService.ToJson).ToList();
        return Results.Json(new { items }, ServerJson.Options);
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, string id, IDelegationStore grants, DelegationService delegations)
    {
        var caller = SelfCaller(context);
        var grant = id.Length <= 64 ? await grants.FindAsync(id) : null;
        if (grant is null || grant.Principal != caller.Subject.Handle)
        {
            throw ApiProblem.NotFound(ProblemCodes.DelegationNotFound, "No delegation with this id was granted by the caller.");
        }
        await delegations.RevokeAsync(grant, caller.Subject);
        return Results.NoContent();
    }

    /// <summary>The caller, refused with 403 <c>delegation.not_transitive</c> when it presents a delegation token.</summary>
    internal static PassportCaller SelfCaller(HttpContext context)
    {
        var caller = PassportCaller.From(context);
        if (caller.IsDelegation)
        {
            throw ApiProblem.Forbidden(ProblemCodes.DelegationNotTransitive, "A delegation token (with act) cannot grant or obtain further delegations.");
        }
        return caller;
    }
}
