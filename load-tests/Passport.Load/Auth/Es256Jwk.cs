using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Passport.Core.Keys;

namespace Passport.Load.Auth;

/// <summary>The public JWK of a P-256 key (RFC 7518 §6.2.1) and its RFC 7638 thumbprint, the token's <c>cnf.jkt</c>.</summary>
public static class Es256Jwk
{
    /// <summary><c>{"kty":"EC","crv":"P-256","x":"…","y":"…"}</c> (coordinates full length), with <c>kid</c>, <c>use</c>, <c>alg</c> when <paramref name="keyId"/> is given.</summary>
    public static string PublicJson(ECDsa key, string? keyId = null)
    {
        var (x, y) = Coordinates(key);
        var kid = keyId is null ? "" : ",\"kid\":\"" + keyId + "\",\"use\":\"sig\",\"alg\":\"ES256\"";
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"" + kid + "}";
    }

    /// <summary>The RFC 7638 thumbprint, computed by Passport.Core as the gateway computes it from a proof's <c>jwk</c>.</summary>
    public static string Thumbprint(ECDsa key)
    {
        var (x, y) = Coordinates(key);
        Span<char> jkt = stackalloc char[JwkThumbprint.Length];
        JwkThumbprint.ComputeFromEncodedEc(Encoding.ASCII.GetBytes(x), Encoding.ASCII.GetBytes(y), jkt);
        return new string(jkt);
    }

    private static (string X, string Y) Coordinates(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return (Base64Url.EncodeToString(q.X), Base64Url.EncodeToString(q.Y));
    }
}
