using Passport.Server.Authentication;

namespace Passport.Server.Me;

/// <summary><c>GET /me</c> → <c>{did, handle, status, name}</c> of the token's subject (seeds/004 §4.2); delegation tokens add <c>act</c> and <c>scope</c>.</summary>
internal static class MeEndpoint
{
    public static IResult Handle(HttpContext context)
    {
        var caller = PassportCaller.From(context);
        var record = caller.Subject;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new
        {
            did = record.Did,
            handle = record.Handle,
            status = record.Status,
            name = record.Name,
            act = caller.Actor is null ? null : new { sub = caller.Actor.Did, handle = caller.Actor.Handle },
            scope = caller.Claims.Scope,
        }, ServerJson.Options);
    }
}
