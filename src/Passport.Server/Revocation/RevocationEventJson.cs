using System.Text.Json;
using Passport.Server.Storage;

namespace Passport.Server.Revocation;

/// <summary>The wire form of a revocation event: <c>{id, type, handle, did, newDid?, grantId?, at}</c> (docs/api-contract.md).</summary>
internal static class RevocationEventJson
{
    public static void Write(Utf8JsonWriter writer, RevocationEvent e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", e.Id);
        writer.WriteString("type", e.Type);
        writer.WriteString("handle", e.Handle);
        writer.WriteString("did", e.Did);
        if (e.NewDid is not null) writer.WriteString("newDid", e.NewDid);
        if (e.GrantId is not null) writer.WriteString("grantId", e.GrantId);
        writer.WriteString("at", e.At.UtcDateTime);
        writer.WriteEndObject();
    }

    public static string Serialize(RevocationEvent e)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream)) Write(writer, e);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
