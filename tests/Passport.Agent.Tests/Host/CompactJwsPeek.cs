using System.Text.Json;

namespace Passport.Agent.Tests.Host;

/// <summary>Test-only: reads the payload of a compact JWS without verifying it (the fake server already verified it).</summary>
internal static class CompactJwsPeek
{
    public static JsonElement Payload(string jws)
    {
        var payload = jws.Split('.')[1];
        using var document = JsonDocument.Parse(Passport.Core.Encoding.Base64UrlEncoding.Decode(payload));
        return document.RootElement.Clone();
    }
}
