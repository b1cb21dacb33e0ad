using System.Text.Json;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Protocol;
using Passport.Server.Problems;

namespace Passport.Server.Tokens;

/// <summary>
/// The <c>private_key_jwt</c> client assertion (RFC 7523 §2.2, §3; RFC 7521 §4.2): a compact JWS signed with the
/// agent's Ed25519 key (<c>alg</c> <c>EdDSA</c> or <c>Ed25519</c>, RFC 9864), <c>iss</c> = <c>sub</c> = the client_id
/// (the agent's <c>did:key</c>), <c>aud</c> the issuer identifier or the token endpoint URL (a string or an array
/// containing one of them), <c>exp</c> required and at most <see cref="MaxLifetime"/> ahead, <c>jti</c> required
/// (single use is the caller's replay store), <c>iat</c>/<c>nbf</c> not in the future beyond <see cref="ClockSkew"/>.
/// Every failure is 401 <c>invalid_client</c> with the code <see cref="ProblemCodes.InvalidClient"/>.
/// </summary>
internal static class ClientAssertion
{
    /// <summary>The longest accepted assertion text, in characters (a did:key in iss and sub plus a few claims fit in far less).</summary>
    public const int MaxLength = 4096;

    /// <summary>How far ahead <c>exp</c> may be: assertions are short-lived, so the replay store keeps their jti briefly.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated clock difference for <c>exp</c>, <c>iat</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>A verified assertion: the client's DID, its jti and its expiry (seconds since the epoch).</summary>
    public readonly record struct Verified(DidKey Client, string Jti, long ExpiresAt);

    /// <summary>Verifies <paramref name="assertion"/>; <paramref name="audiences"/> are the accepted <c>aud</c> values.</summary>
    /// <exception cref="ApiProblem">401 <c>invalid_client</c>.</exception>
    public static Verified Verify(string assertion, string? clientId, IReadOnlyList<string> audiences, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (assertion.Length > MaxLength || parts.Length != 3) throw Refuse("client_assertion is not a compact JWS.");
        byte[] header, payload, signature;
        try
        {
            header = Base64UrlEncoding.Decode(parts[0]);
            payload = Base64UrlEncoding.Decode(parts[1]);
            signature = Base64UrlEncoding.Decode(parts[2]);
        }
        catch (PassportFormatException)
        {
            throw Refuse("client_assertion is not a compact JWS (unpadded base64url parts).");
        }

        using var headerJson = Parse(header);
        using var payloadJson = Parse(payload);
        var alg = String(headerJson.RootElement, "alg");
        if (!JoseAlgorithms.IsEd25519(alg)) throw Refuse("client_assertion alg must be EdDSA or Ed25519.");
        if (headerJson.RootElement.TryGetProperty("crit", out _)) throw Refuse("client_assertion has a crit header this server does not understand.");

        var claims = payloadJson.RootElement;
        var iss = String(claims, "iss") ?? throw Refuse("client_assertion lacks iss.");
        if (String(claims, "sub") != iss) throw Refuse("client_assertion sub must equal iss (the client_id).");
        if (clientId is not null && clientId != iss) throw Refuse("client_id does not match the assertion's iss.");
        if (!DidKey.TryParse(iss, out var did, out _)) throw Refuse("client_id must be the agent's did:key.");
        if (!HasAudience(claims, audiences)) throw Refuse("client_assertion aud must be the issuer identifier or the token endpoint URL.");
        var jti = String(claims, "jti");
        if (string.IsNullOrEmpty(jti) || jti.Length > 256) throw Refuse("client_assertion needs a jti (at most 256 characters).");

        var nowSeconds = now.ToUnixTimeSeconds();
        var exp = Seconds(claims, "exp") ?? throw Refuse("client_assertion lacks exp.");
        if (exp <= nowSeconds - (long)ClockSkew.TotalSeconds) throw Refuse("client_assertion has expired.");
        if (exp > nowSeconds + (long)(MaxLifetime + ClockSkew).TotalSeconds) throw Refuse("client_assertion exp is more than 5 minutes ahead.");
        if (Seconds(claims, "iat") is { } iat && iat > nowSeconds + (long)ClockSkew.TotalSeconds) throw Refuse("client_assertion iat is in the future.");
        if (Seconds(claims, "nbf") is { } nbf && nbf > nowSeconds + (long)ClockSkew.TotalSeconds) throw Refuse("client_assertion is not valid yet (nbf).");

        // The signature last: everything above is cheap, and refusing before verifying reveals nothing a key holder lacks.
        var signingInput = System.Text.Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1]));
        if (signature.Length != 64 || !Ed25519Verifier.Verify(did!.PublicKey, signingInput, signature))
        {
            throw Refuse("client_assertion is not signed by the key of the client_id.");
        }
        return new Verified(did, jti, exp);
    }

    /// <summary>The 401 <c>invalid_client</c> refusal (RFC 6749 §5.2) with a client-safe description.</summary>
    public static ApiProblem Refuse(string detail) =>
        new(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidClient, detail) { OAuthError = OAuthErrors.InvalidClient };

    private static JsonDocument Parse(byte[] utf8)
    {
        try
        {
            var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 inside a JSON string.
        }
        throw Refuse("client_assertion header and payload must be JSON objects.");
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Seconds(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d is > 0 and < 1e11) return (long)d;
            throw Refuse($"client_assertion {name} must be a NumericDate.");
        }
        return seconds;
    }

    private static bool HasAudience(JsonElement claims, IReadOnlyList<string> accepted)
    {
        if (!claims.TryGetProperty("aud", out var aud)) return false;
        if (aud.ValueKind == JsonValueKind.String) return accepted.Contains(aud.GetString()!, StringComparer.Ordinal);
        if (aud.ValueKind != JsonValueKind.Array) return false;
        foreach (var item in aud.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && accepted.Contains(item.GetString()!, StringComparer.Ordinal)) return true;
        }
        return false;
    }
}
