using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Passport.Agent;

/// <summary>
/// Writes the <c>private_key_jwt</c> client assertion (RFC 7523 §3): header <c>{"alg":"EdDSA","typ":"JWT"}</c>, payload
/// <c>iss</c> = <c>sub</c> = the agent's DID (its <c>client_id</c>), <c>aud</c> = the issuer identifier (what stock
/// clients send, RFC 7523 §3 item 3), a random single-use <c>jti</c>, <c>iat</c> and a short <c>exp</c>.
/// </summary>
internal static class ClientAssertionWriter
{
    /// <summary>Assertion lifetime: long enough for one token request, short so the IdP keeps its jti briefly.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private static readonly string EncodedHeader = Base64Url.EncodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"u8);

    public static string Create(AgentIdentity identity, string audience, DateTimeOffset now)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", identity.Did.Value);
            json.WriteString("sub", identity.Did.Value);
            json.WriteString("aud", audience);
            json.WriteString("jti", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            json.WriteNumber("iat", issuedAt);
            json.WriteNumber("exp", issuedAt + (long)Lifetime.TotalSeconds);
            json.WriteEndObject();
        }
        var signingInput = EncodedHeader + "." + Base64Url.EncodeToString(buffer.ToArray());
        return signingInput + "." + Base64Url.EncodeToString(identity.Sign(Encoding.ASCII.GetBytes(signingInput)));
    }
}
