using Passport.Server.Authentication;

namespace Passport.Server.Delegation;

/// <summary>Routes of delegation and token exchange (all require the Passport scheme: <see cref="IdpAuthentication.Policy"/>).</summary>
internal static class DelegationSetup
{
    public static void MapDelegationEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("").RequireAuthorization(IdpAuthentication.Policy);
        api.MapPost("/api/delegations", DelegationEndpoints.CreateAsync);
        api.MapGet("/api/delegations", DelegationEndpoints.ListAsync);
        api.MapDelete("/api/delegations/{id}", DelegationEndpoints.DeleteAsync);
        api.MapPost("/auth/token/exchange", TokenExchangeEndpoint.HandleAsync).RequireRateLimiting(Http.RateLimits.PerIp);
    }
}
