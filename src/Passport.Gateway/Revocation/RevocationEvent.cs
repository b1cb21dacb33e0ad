using System.Text.Json;

namespace Passport.Gateway.Revocation;

/// <summary>An IdP revocation event (docs/api-contract.md): <c>{id, type, handle, did, newDid?, grantId?, at}</c>.</summary>
internal sealed record RevocationEvent(long Id, string Type, string? Did, string? GrantId, DateTimeOffset? At)
{
    public const string RecordRevoked = "record_revoked";
    public const string DidRotated = "did_rotated";
    public const string GrantRevoked = "grant_revoked";

    /// <summary>Reads one event object; null when it is not one (unknown types are kept so that the feed cursor advances).</summary>
    public static RevocationEvent? Read(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        long id = 0;
        if (e.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind == JsonValueKind.Number) idElement.TryGetInt64(out id);
            else if (idElement.ValueKind == JsonValueKind.String) long.TryParse(idElement.GetString(), out id);
        }
        var type = String(e, "type");
        if (type is null) return null;
        DateTimeOffset? at = null;
        if (String(e, "at") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)) at = parsed;
        return new RevocationEvent(id, type, String(e, "did"), String(e, "grantId"), at);
    }

    public static RevocationEvent? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
