using System.Globalization;
using System.Text.Json;
using Passport.Server.Registry;
using Passport.Server.Storage;

namespace Passport.Server.Revocation;

/// <summary><c>GET /api/revocations?since={id}&amp;limit=500</c> → <c>{events:[…], next:"&lt;last id&gt;"}</c>, ordered by id, since exclusive.</summary>
internal static class RevocationEndpoints
{
    public const int MaxLimit = 1000;

    public static async Task FeedAsync(HttpContext context, IRevocationEventStore events)
    {
        var since = RegistryEndpoints.ParseLong(context.Request.Query["since"], "since", 0, 0, long.MaxValue);
        var limit = RegistryEndpoints.ParseLong(context.Request.Query["limit"], "limit", 500, 1, MaxLimit);
        var page = await events.ListAsync(since, (int)limit);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("events");
        foreach (var e in page) RevocationEventJson.Write(writer, e);
        writer.WriteEndArray();
        writer.WriteString("next", (page.Count > 0 ? page[^1].Id : since).ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
