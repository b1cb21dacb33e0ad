using Microsoft.AspNetCore.Authorization;
using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;
using Passport.Gateway.Authentication;
using Passport.Gateway.Telemetry;

namespace Passport.Gateway.Policies;

/// <summary>
/// Step 6 of the request path: the route policy. Delegation tokens are checked against <c>scope</c> (seeds/004 §delegation);
/// self tokens pass scope checks unless <c>Passport:SelfScopes</c>; tokens of <c>Passport:Issuers</c> entries are always
/// checked, and refused with <c>issuer.not_allowed</c> when the route's <c>Passport:Issuers</c> list omits their issuer. A refusal is left in <see cref="RefusalFeature"/> for the 403.
/// </summary>
internal sealed class PassportRouteAuthorizationHandler(GatewayMetrics metrics) : AuthorizationHandler<PassportRouteRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PassportRouteRequirement requirement)
    {
        if (context.User is not PassportPrincipal principal) return Task.CompletedTask;
        var http = context.Resource as HttpContext;
        var policy = (http is null ? null : RoutePolicies.For(http)) ?? RoutePolicy.Default;
        var refusal = policy.Issuers is not null && !policy.AllowsIssuer(principal.IssuerName) ? RefusalCatalog.IssuerNotAllowed
            : Check(policy, principal.Token, principal.IsForeign);
        if (refusal is null)
        {
            metrics.Request("allowed", "ok");
            context.Succeed(requirement);
        }
        else
        {
            http?.Features.Set(new RefusalFeature(refusal));
            context.Fail(new AuthorizationFailureReason(this, refusal.Code));
        }
        return Task.CompletedTask;
    }

    /// <summary>The route's rules for a verified token; <paramref name="foreign"/> tokens (a <c>Passport:Issuers</c> entry's) always carry their scopes to the check.</summary>
    public static Refusal? Check(RoutePolicy policy, PassportTokenClaims token, bool foreign = false)
    {
        if (token.IsDelegation && !policy.AllowDelegation) return RefusalCatalog.DelegationNotAllowed;
        if (policy.RequireClaimed && token.Status != PassportStatus.Claimed) return RefusalCatalog.NotClaimed;
        // A foreign token is the issuer's grant to a client, not a Passport agent acting as itself: its scope is the whole authorisation.
        if (policy.Scopes.Length > 0 && (token.IsDelegation || policy.SelfScopes || foreign))
        {
            foreach (var scope in policy.Scopes)
            {
                if (token.Scope is null || !Contains(token.Scope, scope)) return RefusalCatalog.MissingScope(policy.ScopeText);
            }
        }
        return null;
    }

    private static bool Contains(IReadOnlyList<string> scopes, string scope)
    {
        for (var i = 0; i < scopes.Count; i++)
        {
            if (string.Equals(scopes[i], scope, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
