using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Problems;

namespace Passport.Server.Http;

/// <summary>
/// A fixed window per DID on <c>/auth/challenge</c> and <c>/auth/token</c>, on top of the per-address policy: a DID hammered
/// from many addresses (or from behind one shared proxy) is still held to <c>Passport:RateLimiting:PermitsPerMinutePerDid</c>.
/// The DID is in the body, which the route-level limiter never sees, so the endpoints call <see cref="Enforce"/> once they have parsed it.
/// </summary>
internal sealed class DidRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public DidRateLimits(IOptions<PassportServerOptions> options)
    {
        var permits = options.Value.RateLimiting.PermitsPerMinutePerDid;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Counts one <paramref name="endpoint"/> request for <paramref name="did"/>; over the limit, a 429 <c>rate_limited</c> problem with <c>Retry-After</c>.</summary>
    public void Enforce(HttpContext context, string endpoint, string did)
    {
        using var lease = _limiter.AttemptAcquire(string.Concat(endpoint, " ", did));
        if (lease.IsAcquired) return;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
        // Set before the throw: ProblemMiddleware writes the problem on this same, not yet started, response.
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        throw new ApiProblem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited,
            "Too many requests for this DID; retry after the number of seconds in Retry-After.");
    }

    public void Dispose() => _limiter.Dispose();
}
