using Passport.Gateway.Discovery;
using Passport.Gateway.Streaming;

namespace Passport.Gateway;

/// <summary>
/// The gateway in any ASP.NET Core / YARP host: the same wiring the <c>Passport.Gateway.Host</c> executable uses
/// (<see cref="PassportGateway.Build"/> is these two calls around <c>builder.Build()</c>).
/// </summary>
/// <example>
/// <code>
/// var builder = WebApplication.CreateBuilder(args);
/// builder.AddPassportGateway();          // instead of builder.Services.AddReverseProxy().LoadFromConfig(...)
/// var app = builder.Build();
/// app.MapPassportGateway();              // metadata, /healthz, /readyz, authorization, the proxy
/// app.Run();
/// </code>
/// </example>
public static class PassportGatewayExtensions
{
    /// <summary>
    /// Registers the gateway: options from the <c>Passport</c> section (validated at start; see docs/configuration.md),
    /// the <c>Passport</c> authentication scheme (RFC 9449 DPoP-bound tokens), replay store (memory or Redis), revocation
    /// cache, per-route policies from route metadata (docs/routes.md), identity-header transforms and OpenTelemetry, and
    /// YARP with its routes and clusters loaded from the <c>ReverseProxy</c> section.
    /// </summary>
    /// <remarks>
    /// YARP is added here, so do not call <c>AddReverseProxy().LoadFromConfig(...)</c> as well (the routes would load
    /// twice); chain your own transforms or config filters on the returned builder instead.
    /// </remarks>
    /// <returns>YARP's builder, for the host's own transforms, filters and providers.</returns>
    public static IReverseProxyBuilder AddPassportGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return PassportGateway.AddGateway(builder);
    }

    /// <summary>
    /// Maps the gateway's anonymous endpoints (RFC 9728 protected-resource metadata at
    /// <c>/.well-known/oauth-protected-resource</c>, <c>/healthz</c>, <c>/readyz</c>), adds authorization (every route
    /// needs a valid Passport unless its metadata says otherwise), ASP.NET Core request timeouts (for YARP's route
    /// <c>Timeout</c>/<c>TimeoutPolicy</c>) and maps the reverse proxy with YARP's default pipeline (session affinity, load
    /// balancing, passive health checks), preceded by the longer activity timeout of <c>Passport:Streaming</c> routes.
    /// </summary>
    /// <returns>YARP's endpoint convention builder for the proxy routes.</returns>
    public static ReverseProxyConventionBuilder MapPassportGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGatewayEndpoints();
        app.UseAuthorization();
        app.UseRequestTimeouts();
        var streaming = app.Services.GetRequiredService<StreamingActivityTimeout>();
        return app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(streaming.InvokeAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
    }
}
