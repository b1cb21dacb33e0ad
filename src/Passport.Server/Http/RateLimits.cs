using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Problems;

namespace Passport.Server.Http;

/// <summary>
/// The per-client-address fixed-window policy on register, challenge, token, claim and owner requests (429 problem when
/// exceeded); the address is the one <see cref="ClientAddress"/> resolved. Challenge and token are also limited per DID
/// (<see cref="DidRateLimits"/>).
/// </summary>
internal static class RateLimits
{
    public const string PerIp = "passport-per-ip";

    public static IServiceCollection AddPassportRateLimits(this IServiceCollection services) =>
        services.AddPassportClientAddress().AddSingleton<DidRateLimits>().AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerIp, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<PassportServerOptions>>().Value.RateLimiting.PermitsPerMinute;
                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await ProblemWriter.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited,
                    "Too many requests from this address; retry after a minute.");
            };
        });
}
