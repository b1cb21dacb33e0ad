using Microsoft.AspNetCore.Authorization;

namespace Passport.Gateway.Policies;

/// <summary>The requirement of the <c>passport</c> policy: an authenticated Passport caller that satisfies its route's metadata.</summary>
internal sealed class PassportRouteRequirement : IAuthorizationRequirement
{
    public static readonly PassportRouteRequirement Instance = new();
}
