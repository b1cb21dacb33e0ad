using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Passport.AspNetCore.Refusals;

namespace Passport.AspNetCore;

/// <summary>
/// Requires scopes of Passport callers: a delegation token must carry every one of <see cref="Scopes"/>; a self token (the
/// agent acting as itself) passes unless <see cref="SelfTokensNeedScopes"/>, as on gateway routes. A failure leaves
/// <see cref="RefusalCatalog.MissingScope"/> for the 403, so the challenge says <c>insufficient_scope</c> with the scopes.
/// </summary>
/// <param name="scopes">The required scopes.</param>
/// <param name="selfTokensNeedScopes">Whether self tokens must carry the scopes too.</param>
public sealed class PassportScopeRequirement(IReadOnlyList<string> scopes, bool selfTokensNeedScopes = false)
    : AuthorizationHandler<PassportScopeRequirement>, IAuthorizationRequirement
{
    /// <summary>The required scopes.</summary>
    public IReadOnlyList<string> Scopes { get; } = scopes;

    /// <summary>Whether self tokens must carry the scopes too.</summary>
    public bool SelfTokensNeedScopes { get; } = selfTokensNeedScopes;

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PassportScopeRequirement requirement)
    {
        if (context.User is not PassportPrincipal principal) return Task.CompletedTask;
        if ((!principal.Token.IsDelegation && !requirement.SelfTokensNeedScopes) || principal.HasScopes(requirement.Scopes))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }
        var refusal = RefusalCatalog.MissingScope(string.Join(' ', requirement.Scopes));
        (context.Resource as HttpContext)?.Features.Set(new RefusalFeature(refusal));
        context.Fail(new AuthorizationFailureReason(this, refusal.Code));
        return Task.CompletedTask;
    }
}

/// <summary><c>policy.RequirePassportScope("orders:write")</c>.</summary>
public static class PassportAuthorizationExtensions
{
    /// <summary>Authenticates with the Passport scheme and requires <paramref name="scopes"/> (see <see cref="PassportScopeRequirement"/>).</summary>
    public static AuthorizationPolicyBuilder RequirePassportScope(this AuthorizationPolicyBuilder policy, params string[] scopes) =>
        policy.AddAuthenticationSchemes(PassportAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new PassportScopeRequirement(scopes));
}
