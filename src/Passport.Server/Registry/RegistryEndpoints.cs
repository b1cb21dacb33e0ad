using System.Globalization;
using Passport.Core.Identity;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Registry;

/// <summary><c>GET /api/registry</c> (paged by id), <c>GET /registry/{handle}</c>, <c>GET /registry/{handle}/did.json</c>.</summary>
internal static class RegistryEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<IResult> ListAsync(HttpContext context, IRecordStore records)
    {
        var limit = ParseLong(context.Request.Query["limit"], "limit", DefaultLimit, 1, MaxLimit);
        var cursor = ParseLong(context.Request.Query["cursor"], "cursor", 0, 0, long.MaxValue);
        var page = await records.ListAsync(cursor, (int)limit + 1);
        var items = page.Take((int)limit).Select(r => new { handle = r.Handle, did = r.Did, status = r.Status, name = r.Name, createdAt = r.CreatedAt }).ToList();
        var nextCursor = page.Count > limit ? page[(int)limit - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return Results.Json(new { items, nextCursor }, new System.Text.Json.JsonSerializerOptions(ServerJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never });
    }

    public static async Task<IResult> DetailAsync(string handle, IRecordStore records)
    {
        var record = await FindAsync(handle, records);
        return Results.Json(new
        {
            handle = record.Handle,
            did = record.Did,
            status = record.Status,
            name = record.Name,
            ownerEmail = EmailMask.Mask(record.OwnerEmail),
            createdAt = record.CreatedAt,
        }, ServerJson.Options);
    }

    public static async Task<IResult> DidDocumentAsync(string handle, IRecordStore records)
    {
        var record = await FindAsync(handle, records);
        return Results.Json(DidDocument.For(DidKey.Parse(record.Did)), contentType: "application/did+json");
    }

    private static async Task<PassportRecord> FindAsync(string handle, IRecordStore records)
    {
        if (!Handle.IsValid(handle)) throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
        return await records.FindByHandleAsync(handle) ?? throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record has this handle.");
    }

    internal static long ParseLong(string? value, string name, long fallback, long min, long max)
    {
        if (string.IsNullOrEmpty(value)) return fallback;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw ApiProblem.BadRequest(ProblemCodes.InvalidField, $"'{name}' must be an integer between {min} and {max}.");
        }
        return parsed;
    }
}
