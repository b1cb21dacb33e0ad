using Passport.AspNetCore.Refusals;
using Passport.Server.Problems;

namespace Passport.Server.Health;

/// <summary><c>/healthz</c>: liveness, the process answers (touches nothing). <c>/readyz</c>: readiness, see <see cref="ReadinessProbe"/>.</summary>
internal static class HealthEndpoints
{
    public static IResult Live() => Results.Json(new { status = "ok" });

    /// <summary>
    /// 200 <c>{status:"ready", checks}</c>, or 503 problem+json whose <c>code</c> names the first failing check
    /// (<c>storage.unavailable</c>, then <c>redis.unavailable</c>) with every check in <c>checks</c>.
    /// </summary>
    public static async Task<IResult> ReadyAsync(HttpContext context, ReadinessProbe probe)
    {
        context.Response.Headers.CacheControl = "no-store";
        var checks = await probe.CheckAsync(context.RequestAborted);
        var failing = checks.FirstOrDefault(c => c.Value != "ok").Key;
        if (failing is null) return Results.Json(new { status = "ready", checks });
        var code = failing == "storage" ? ProblemCodes.StorageUnavailable : ProblemCodes.RedisUnavailable;
        return Results.Json(new Dictionary<string, object>
        {
            ["type"] = ProblemType.For(code),
            ["title"] = "Service Unavailable",
            ["status"] = StatusCodes.Status503ServiceUnavailable,
            ["detail"] = $"Not ready: {string.Join(", ", checks.Where(c => c.Value != "ok").Select(c => $"{c.Key} {c.Value}"))}.",
            ["code"] = code,
            ["checks"] = checks,
        }, statusCode: StatusCodes.Status503ServiceUnavailable, contentType: ProblemWriter.ContentType);
    }
}
