using Microsoft.Extensions.Options;
using Passport.Server.Configuration;

namespace Passport.Server.Revocation;

/// <summary>Services and route of revocation publishing.</summary>
internal static class RevocationSetup
{
    public static IServiceCollection AddPassportRevocation(this IServiceCollection services)
    {
        services.AddSingleton<IRevocationPublisher>(sp =>
            sp.GetRequiredService<IOptions<PassportServerOptions>>().Value.Redis.Configuration is { Length: > 0 }
                ? ActivatorUtilities.CreateInstance<RedisRevocationPublisher>(sp)
                : new FeedOnlyPublisher());
        services.AddSingleton<RevocationNotifier>();
        services.AddSingleton<RevocationRepublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<RevocationRepublisher>());
        return services;
    }

    public static void MapRevocationEndpoints(this WebApplication app) =>
        app.MapGet("/api/revocations", RevocationEndpoints.FeedAsync);
}
