using Microsoft.Extensions.Options;
using Passport.AspNetCore;
using Passport.AspNetCore.Redis;
using Passport.AspNetCore.Replay;
using Passport.AspNetCore.Status;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Signing;

namespace Passport.Server.Authentication;

/// <summary>
/// The IdP's protected endpoints use the package's Passport scheme (the gateway's verifier): tokens verified with the
/// IdP's own signing keys, <c>aud</c> = the issuer, htu = issuer + path, status from the database (<see cref="IdpStatusSource"/>),
/// replay recorded in Redis when <c>Passport:Redis:Configuration</c> is set (shared by every IdP replica, on the IdP's one
/// connection <see cref="RedisConnection"/>; Redis down → 503 <c>replay.unavailable</c>), in memory otherwise.
/// The same store serves <see cref="Dpop.RequestProof"/> (<c>/auth/token</c>).
/// </summary>
internal static class IdpAuthentication
{
    /// <summary>The authorization policy of protected endpoints: authenticated by the Passport scheme.</summary>
    public const string Policy = "passport";

    public static IServiceCollection AddIdpAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ISigningKeyResolver>(sp => sp.GetRequiredService<ServerSigningKeys>().Resolver);
        services.AddSingleton<IPassportStatusSource, IdpStatusSource>();
        services.AddSingleton(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<PassportServerOptions>>().Value.Redis;
            return new RedisConnection(redis.Configuration ?? "", redis.KeyPrefix, "passport-server", sp.GetRequiredService<ILogger<RedisConnection>>());
        });
        services.AddSingleton<IReplayStore>(sp =>
        {
            var redis = sp.GetRequiredService<IOptions<PassportServerOptions>>().Value.Redis;
            if (redis.Configuration is not { Length: > 0 }) return new MemoryReplayStore(sp.GetRequiredService<TimeProvider>());
            return new RedisReplayStore(sp.GetRequiredService<RedisConnection>(), new RedisReplayStoreOptions { KeyPrefix = redis.KeyPrefix });
        });
        services.AddAuthentication().AddPassport();
        services.AddOptions<PassportAuthenticationOptions>(PassportAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PassportServerOptions>>((scheme, server) =>
            {
                var o = server.Value;
                scheme.Issuer = o.IssuerOrigin;
                scheme.Audiences = [o.IssuerOrigin];
                scheme.PublicOrigin = o.IssuerOrigin;
                scheme.ProofIssuedAtWindowSeconds = o.ProofWindowSeconds;
                scheme.ResourceMetadataUrl = o.Url(PassportAuthenticationDefaults.ResourceMetadataPath);
            });
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(PassportAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()));
        return services;
    }
}
