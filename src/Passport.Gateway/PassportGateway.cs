using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Passport.Gateway.Discovery;
using Passport.Gateway.Dpop;
using Passport.Gateway.Forwarding;
using Passport.Gateway.Policies;
using Passport.Gateway.Redis;
using Passport.Gateway.Refusals;
using Passport.Gateway.Replay;
using Passport.Gateway.Revocation;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens;

namespace Passport.Gateway;

/// <summary>Builds the Passport gateway: YARP + the "Passport" authentication scheme + route policies + identity headers.</summary>
public static class PassportGateway
{
    /// <summary>
    /// Creates the gateway application from <paramref name="args"/> and configuration (<c>ReverseProxy</c> and <c>Passport</c>
    /// sections). <paramref name="configure"/> runs after the defaults, before services are added (tests set URLs and configuration here).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        AddGateway(builder);
        var app = builder.Build();
        app.MapGatewayEndpoints();
        app.UseAuthorization();
        app.MapReverseProxy();
        return app;
    }

    private static void AddGateway(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PassportGatewayOptions>()
            .Bind(builder.Configuration.GetSection(PassportGatewayOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PassportGatewayOptions>, PassportGatewayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(JwksKeySource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));

        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<JwksKeySource>();
        services.AddHostedService<JwksRefresher>();
        services.AddSingleton<TokenVerifier>();
        services.AddSingleton<PublicRequestUri>();
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<ProofVerifier>();
        services.AddSingleton<RefusalWriter>();
        services.AddSingleton<ProtectedResourceMetadata>();
        services.AddSingleton<RedisConnection>();
        AddReplayStore(services, builder.Configuration);
        AddRevocationCache(services, builder.Configuration);

        services.AddAuthentication(PassportAuthenticationDefaults.Scheme)
            .AddScheme<PassportAuthenticationOptions, PassportAuthenticationHandler>(PassportAuthenticationDefaults.Scheme, null);
        services.AddSingleton<IAuthorizationHandler, PassportRouteAuthorizationHandler>();
        services.AddAuthorization(options =>
        {
            // No AuthenticationSchemes on the policy: "Passport" is the default scheme, so the authentication middleware
            // has already authenticated the request; naming it here would make the policy evaluator authenticate again
            // and build a second ticket per request. Challenge and forbid still go to the default scheme.
            var policy = new AuthorizationPolicyBuilder()
                .AddRequirements(PassportRouteRequirement.Instance)
                .Build();
            options.AddPolicy(PassportAuthenticationDefaults.Policy, policy);
            options.DefaultPolicy = policy;
            options.FallbackPolicy = policy;
        });

        services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<PassportProxyConfigFilter>()
            .AddTransforms<PassportTransformProvider>();

        GatewayOpenTelemetry.Add(builder);
    }

    private static void AddReplayStore(IServiceCollection services, IConfiguration configuration)
    {
        var kind = ReplayStoreKinds.TryParse(configuration["Passport:Replay:Store"] ?? "Memory");
        if (kind == ReplayStoreKind.Redis)
        {
            services.AddSingleton<IReplayStore, RedisReplayStore>();
            services.AddHostedService<RedisWarmup>();
        }
        else
        {
            services.AddSingleton<IReplayStore, MemoryReplayStore>();
        }
    }

    private static void AddRevocationCache(IServiceCollection services, IConfiguration configuration)
    {
        switch (RevocationSourceKinds.TryParse(configuration["Passport:Revocation:Source"] ?? "Feed"))
        {
            case RevocationSourceKind.Redis:
                services.AddSingleton<RedisRevocationCache>();
                services.AddSingleton<IRevocationCache>(sp => sp.GetRequiredService<RedisRevocationCache>());
                services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationCache>());
                break;
            case RevocationSourceKind.None:
                services.AddSingleton<IRevocationCache, NoRevocationCache>();
                break;
            default:
                services.AddSingleton<FeedRevocationCache>();
                services.AddSingleton<IRevocationCache>(sp => sp.GetRequiredService<FeedRevocationCache>());
                services.AddHostedService(sp => sp.GetRequiredService<FeedRevocationCache>());
                break;
        }
    }
}
