using Passport.Server.Delegation;
using Passport.Server.Http;

namespace Passport.Server.Owner;

/// <summary>Services and routes of the owner flows and delegation.</summary>
internal static class OwnerSetup
{
    public static IServiceCollection AddPassportOwnerFlows(this IServiceCollection services)
    {
        services.AddSingleton<DelegationService>();
        services.AddSingleton<IOwnerActions, OwnerActions>();
        services.AddSingleton<OwnerLinkIssuer>();
        return services;
    }

    public static void MapOwnerEndpoints(this WebApplication app)
    {
        app.MapPost("/auth/owner/request", OwnerEndpoints.RequestAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet("/owner/approve", OwnerEndpoints.PageAsync);
        app.MapPost("/auth/owner/approve", OwnerEndpoints.ApproveAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/auth/owner/reject", OwnerEndpoints.RejectAsync).RequireRateLimiting(RateLimits.PerIp);
    }
}
