using System.Text.Json;
using Passport.Core.Errors;
using Passport.Core.Keys;

namespace Passport.Agent;

/// <summary>The JSON shape of <c>identity.json</c>: <c>{version, did, handle, issuer, name, createdAt, privateJwk}</c>.</summary>
internal static class IdentityDocument
{
    public static string Serialize(AgentIdentity identity)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("did", identity.Did.Value);
            WriteOptional(writer, "handle", identity.Handle);
            WriteOptional(writer, "issuer", identity.Issuer);
            WriteOptional(writer, "name", identity.Name);
            writer.WriteString("createdAt", identity.CreatedAt);
            writer.WritePropertyName("privateJwk");
            writer.WriteRawValue(Ed25519PrivateJwk.Export(identity.KeyPair));
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static AgentIdentity Deserialize(string json, string path)
    {
        try
        {
            using var document = Passport.Shared.WellFormedJson.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("privateJwk", out var jwk))
            {
                throw Malformed(path, "it has no \"privateJwk\" member");
            }
            var keyPair = Ed25519PrivateJwk.Import(jwk);
            var createdAt = root.TryGetProperty("createdAt", out var created) && created.TryGetDateTimeOffset(out var value) ? value : (DateTimeOffset?)null;
            var identity = new AgentIdentity(keyPair, ReadString(root, "handle"), ReadString(root, "issuer"), ReadString(root, "name"), createdAt);
            var did = ReadString(root, "did");
            if (did is not null && did != identity.Did.Value)
            {
                identity.Dispose();
                throw Malformed(path, "its \"did\" is not the DID of its key");
            }
            return identity;
        }
        catch (JsonException)
        {
            throw Malformed(path, "it is not valid JSON");
        }
        catch (PassportFormatException e)
        {
            throw Malformed(path, $"its private key is invalid ({e.Code})");
        }
    }

    private static PassportAgentException Malformed(string path, string reason) =>
        new(AgentErrorCodes.IdentityMalformed, $"{path} is not a Passport identity file: {reason}. Create a new one with `passport keygen --force`.");

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
