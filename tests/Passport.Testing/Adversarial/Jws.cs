using System.Buffers.Text;
using System.Text;
using Passport.Core.Keys;

namespace Passport.Testing.Adversarial;

/// <summary>Hand-made compact JWS from raw bytes: what no honest factory produces (invalid UTF-8, duplicate members, other algs).</summary>
public static class Jws
{
    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Sign(Ed25519KeyPair key, byte[] header, byte[] payload)
    {
        var input = B64(header) + "." + B64(payload);
        return input + "." + B64(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>The public JWK of <paramref name="key"/> as JSON.</summary>
    public static string Jwk(Ed25519KeyPair key) => $"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{key.PublicJwk.X}\"}}";

    public static string ProofHeader(Ed25519KeyPair key, string alg = "EdDSA") => $"{{\"typ\":\"dpop+jwt\",\"alg\":\"{alg}\",\"jwk\":{Jwk(key)}}}";

    /// <summary>A proof payload; <paramref name="extra"/> is appended raw inside the object (e.g. <c>,"exp":1</c>).</summary>
    public static string ProofPayload(string method, string url, string? token, string iat, string extra = "") =>
        $"{{\"jti\":\"{Guid.NewGuid():N}\",\"htm\":\"{method}\",\"htu\":\"{url}\",\"iat\":{iat}" +
        (token is null ? "" : $",\"ath\":\"{Passport.Core.Dpop.AccessTokenHash.Compute(token)}\"") + extra + "}";

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The decoded header and payload JSON of a compact JWS.</summary>
    public static (string Header, string Payload, string Signature) Split(string jws)
    {
        var parts = jws.Split('.');
        return (Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])), Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])), parts[2]);
    }
}
