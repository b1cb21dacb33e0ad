namespace Passport.Server;

internal static class PendingFeatures
{
    public static IServiceCollection AddPassportOwnerFlows(this IServiceCollection services) => services;
    public static IServiceCollection AddPassportRevocation(this IServiceCollection services) => services;
    public static void MapOwnerEndpoints(this WebApplication app) { }
    public static void MapDelegationEndpoints(this WebApplication app) { }
    public static void MapRevocationEndpoints(this WebApplication app) { }
}
