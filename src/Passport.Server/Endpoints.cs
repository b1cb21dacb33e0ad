using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Server.Authentication;
using Passport.Server.Challenges;
using Passport.Server.Claims;
using Passport.Server.Configuration;
using Passport.Server.Delegation;
using Passport.Server.Discovery;
using Passport.Server.Health;
using Passport.Server.Http;
using Passport.Server.Mail;
using Passport.Server.Me;
using Passport.Server.Owner;
using Passport.Server.OwnerConsole;
using Passport.Server.Problems;
using Passport.Server.Registration;
using Passport.Server.Registry;
using Passport.Server.Revocation;
using Passport.Server.Tokens;

namespace Passport.Server;

/// <summary>The middleware order and the route table of the IdP (docs/server.md lists every endpoint).</summary>
internal static class Endpoints
{
    public static void MapPassportEndpoints(this WebApplication app)
    {
        app.UsePassportClientAddress();
        app.UseMiddleware<ProblemMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapPost("/auth/register", RegistrationEndpoint.HandleAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/auth/challenge", ChallengeEndpoint.HandleAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/auth/token", TokenEndpoint.HandleAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/auth/claim", ClaimEndpoints.ClaimAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet("/claim", ClaimEndpoints.Page);

        app.MapGet("/me", MeEndpoint.Handle).RequireAuthorization(IdpAuthentication.Policy);

        app.MapGet("/api/registry", RegistryEndpoints.ListAsync);
        app.MapGet("/registry/{handle}", RegistryEndpoints.DetailAsync);
        app.MapGet("/registry/{handle}/did.json", RegistryEndpoints.DidDocumentAsync);

        app.MapGet(WellKnownPaths.AuthorizationServer, DiscoveryEndpoints.AuthorizationServer);
        app.MapGet(WellKnownPaths.ProtectedResource, DiscoveryEndpoints.ProtectedResource);
        app.MapGet(WellKnownPaths.Jwks, DiscoveryEndpoints.Jwks);
        app.MapGet("/auth.md", AuthGuide.Get);

        app.MapOwnerEndpoints();
        app.MapOwnerConsole();
        Approvals.ApprovalsSetup.MapPassportApprovals(app);
        app.MapDelegationEndpoints();
        app.MapRevocationEndpoints();

        if (app.Services.GetRequiredService<IOptions<PassportServerOptions>>().Value.DevOutbox == true)
        {
            app.MapGet("/dev/outbox", OutboxEndpoint.Get);
        }
        app.MapGet("/healthz", HealthEndpoints.Live);
        app.MapGet("/readyz", HealthEndpoints.ReadyAsync);
    }
}
