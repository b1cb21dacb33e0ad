using Passport.Server.Storage;

namespace Passport.Server.Health;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the database answers).</summary>
internal static class HealthEndpoints
{
    public static IResult Live() => Results.Json(new { status = "ok" });

    public static async Task<IResult> ReadyAsync(SqlDatabase database, CancellationToken cancellationToken) =>
        await database.PingAsync(cancellationToken)
            ? Results.Json(new { status = "ready" })
            : Results.Json(new { status = "unavailable", code = "storage.unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
