using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Passport.AspNetCore;
using Passport.AspNetCore.Dpop;
using Passport.AspNetCore.Redis;
using Passport.AspNetCore.Replay;
using Passport.AspNetCore.Resources;
using Passport.AspNetCore.Status;
using Passport.AspNetCore.Tokens;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Passport.Gateway.Discovery;
using Passport.Gateway.Dpop;
using Passport.Gateway.Forwarding;
using Passport.Gateway.Policies;
using Passport.Gateway.Redis;
using Passport.Gateway.Revocation;
using Passport.Gateway.Streaming;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens;
using Passport.Gateway.Tokens.Issuers;

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
        builder.AddPassportGateway();
        var app = builder.Build();
        app.MapPassportGateway();
        return app;
    }

    /// <summary>Everything the gateway registers; YARP with routes and clusters from <c>ReverseProxy</c>, returned for the host to extend.</summary>
    internal static IReverseProxyBuilder AddGateway(WebApplicationBuilder builder)
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
        services.AddHttpClient(IssuerKeySource.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<TrustedIssuers>();
        services.AddHostedService<TrustedIssuersRefresher>();
        services.AddSingleton<IPassportTokenVerifier, TokenVerifier>();
        services.AddSingleton<IDpopNoncePolicy, DpopNonces>();
        services.AddSingleton<IPassportAuthenticationMetrics, GatewayAuthenticationMetrics>();
        services.AddSingleton<ProtectedResourceMetadata>();
        services.AddSingleton<RouteResources>();
        services.AddSingleton<IPassportResourceResolver>(sp => sp.GetRequiredService<RouteResources>());
        services.AddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<PassportGatewayOptions>>().Value.Redis;
            return new RedisConnection(redis.Configuration ?? "", redis.KeyPrefix, "passport-gateway", sp.GetRequiredService<ILogger<RedisConnection>>());
        });
        AddReplayStore(services, builder.Configuration);
        AddRevocationCache(services, builder.Configuration);

        // The package's scheme, composed with the gateway's token cache + JWKS, replay store, revocation cache, nonces and meters.
        services.AddAuthentication(PassportAuthenticationDefaults.AuthenticationScheme).AddPassport();
        services.AddOptions<PassportAuthenticationOptions>(PassportAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PassportGatewayOptions>>((scheme, gateway) => MapSchemeOptions(scheme, gateway.Value));
        services.AddSingleton<IAuthorizationHandler, PassportRouteAuthorizationHandler>();
        services.AddAuthorization(options =>
        {
            // No AuthenticationSchemes on the policy: "Passport" is the default scheme, so the authentication middleware
            // has already authenticated the request; naming it here would make the policy evaluator authenticate again
            // and build a second ticket per request. Challenge and forbid still go to the default scheme.
            var policy = new AuthorizationPolicyBuilder()
                .AddRequirements(PassportRouteRequirement.Instance)
                .Build();
            options.AddPolicy(GatewayAuthentication.Policy, policy);
            options.DefaultPolicy = policy;
            options.FallbackPolicy = policy;
        });

        // Route Timeout / TimeoutPolicy (YARP's per-route request timeouts) need ASP.NET Core's middleware; without it YARP
        // refuses such a route's requests. Passport:Streaming routes get a longer activity timeout (docs/routes.md, Streaming).
        services.AddRequestTimeouts();
        services.AddSingleton<StreamingActivityTimeout>();

        var proxy = services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<PassportProxyConfigFilter>()
            .AddTransforms<PassportTransformProvider>();

        GatewayOpenTelemetry.Add(builder);
        return proxy;
    }

    private static void AddReplayStore(IServiceCollection services, IConfiguration configuration)
    {
        var kind = ReplayStoreKinds.TryParse(configuration["Passport:Replay:Store"] ?? "Memory");
        if (kind == ReplayStoreKind.Redis)
        {
            // The package's store on the gateway's one connection; configuration keys unchanged (Passport:Redis:KeyPrefix, Passport:Replay:*).
            services.AddSingleton<IReplayStore>(sp =>
            {
                var redis = sp.GetRequiredService<RedisConnection>();
                var replay = sp.GetRequiredService<IOptions<PassportGatewayOptions>>().Value.Replay;
                return new RedisReplayStore(redis, new RedisReplayStoreOptions
                {
                    KeyPrefix = redis.Prefix,
                    Replicated = ReplayDurabilities.TryParse(replay.Durability) == ReplayDurability.Replicated,
                    ReplicationTimeoutMilliseconds = replay.ReplicationTimeoutMilliseconds,
                    Floor = replay.Floor,
                });
            });
            services.AddHostedService<RedisWarmup>();
        }
        else
        {
            services.AddSingleton<IReplayStore>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<PassportGatewayOptions>>().Value;
                return new MemoryReplayStore(sp.GetRequiredService<TimeProvider>(), options.Replay.MaxEntries, options.Dpop.IssuedAtWindowSeconds, options.Replay.Floor);
            });
        }
    }

    /// <summary>The scheme's options are the gateway's <c>Passport</c> section, so configuration keys do not change.</summary>
    private static void MapSchemeOptions(PassportAuthenticationOptions scheme, PassportGatewayOptions gateway)
    {
        scheme.Issuer = gateway.Issuer;
        // An entry's own audiences are valid at every route, like the gateway's (its validator has already held aud to them).
        scheme.Audiences = gateway.EffectiveAudiences.Concat(gateway.Issuers.SelectMany(i => i?.Audiences ?? [])).Distinct(StringComparer.Ordinal).ToList();
        scheme.PublicOrigin = gateway.PublicOrigin;
        scheme.TrustedProxies = gateway.TrustedProxies;
        scheme.ProofIssuedAtWindowSeconds = gateway.Dpop.IssuedAtWindowSeconds;
        scheme.RequireAth = gateway.Dpop.RequireAth;
        scheme.MaxProofLength = gateway.Dpop.MaxProofLength;
        // RFC 9449 §4.2: the gateway verifies EdDSA and ES256 proofs (what oauth4webapi, openid-client and most agent SDKs make), for every issuer.
        scheme.AcceptEs256Proofs = true;
        scheme.RetryAfterSeconds = gateway.Redis.RetryAfterSeconds;
    }

    private static void AddRevocationCache(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPassportStatusSource, RevocationCheck>();
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
