using System.Text.Json;
using Passport.Core.Jose;
using Passport.Core.Keys;

namespace Passport.Core.Tokens;

/// <summary>
/// Validates Passport access tokens as seeds/004 §4.3 steps 1–3 require: compact JWS, <c>alg</c> EdDSA only, key by
/// <c>kid</c> from the JWKS, signature, <c>iss</c>, <c>aud</c>, and the presence of sub, jti, iat and <c>cnf.jkt</c>.
/// Tokens carry no <c>exp</c>; revocation is checked by the caller. This is the lean hot-path validator
/// (see docs/benchmarks.md for why it is not <c>JsonWebTokenHandler</c>); it never throws for bad input.
/// </summary>
public sealed class PassportTokenValidator
{
    private readonly PassportTokenValidationOptions _options;
    private readonly ISigningKeyResolver _keys;

    /// <summary>Creates a validator that resolves signing keys through <paramref name="keys"/>.</summary>
    public PassportTokenValidator(PassportTokenValidationOptions options, ISigningKeyResolver keys)
    {
        _options = options;
        _keys = keys;
    }

    /// <summary>Validates <paramref name="token"/>.</summary>
    public TokenValidationResult Validate(string? token)
    {
        if (string.IsNullOrEmpty(token)) return TokenValidationResult.Fail(TokenErrorCode.Missing);
        if (token.Length > _options.MaxTokenLength) return TokenValidationResult.Fail(TokenErrorCode.TooLarge);
        if (!CompactJws.TryParse(token, out var jws)) return TokenValidationResult.Fail(TokenErrorCode.Malformed);
        using (jws)
        {
            var headerError = ReadHeader(jws.Header, out var kid);
            if (headerError != TokenErrorCode.None) return TokenValidationResult.Fail(headerError, kid);
            var key = _keys.Find(kid!);
            if (key is null) return TokenValidationResult.Fail(TokenErrorCode.UnknownKey, kid);
            if (!Ed25519Verifier.Verify(key, jws.SigningInput, jws.Signature)) return TokenValidationResult.Fail(TokenErrorCode.InvalidSignature, kid);
            return ReadClaims(jws.Payload, kid!);
        }
    }

    private static TokenErrorCode ReadHeader(ReadOnlySpan<byte> header, out string? kid)
    {
        kid = null;
        bool alg = false;
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return TokenErrorCode.Malformed;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (alg || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("EdDSA"u8)) return TokenErrorCode.UnsupportedAlgorithm;
                    alg = true;
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (kid is not null || !reader.Read() || reader.TokenType != JsonTokenType.String) return TokenErrorCode.Malformed;
                    kid = reader.GetString();
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    // A DPoP proof (typ dpop+jwt) must never be accepted as an access token.
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || !(reader.ValueTextEquals("JWT"u8) || reader.ValueTextEquals("at+jwt"u8))) return TokenErrorCode.Malformed;
                }
                else if (reader.ValueTextEquals("crit"u8))
                {
                    return TokenErrorCode.Malformed;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return TokenErrorCode.Malformed;
        }
        catch (JsonException)
        {
            return TokenErrorCode.Malformed;
        }
        if (!alg) return TokenErrorCode.UnsupportedAlgorithm;
        return string.IsNullOrEmpty(kid) ? TokenErrorCode.UnknownKey : TokenErrorCode.None;
    }

    private TokenValidationResult ReadClaims(ReadOnlySpan<byte> payload, string kid)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return TokenValidationResult.Fail(TokenErrorCode.Malformed, kid);
            if (String(root, PassportClaimNames.Issuer) != _options.Issuer) return TokenValidationResult.Fail(TokenErrorCode.InvalidIssuer, kid);
            var audience = AcceptedAudience(root);
            if (audience is null) return TokenValidationResult.Fail(TokenErrorCode.InvalidAudience, kid);
            var claims = PassportTokenClaimsReader.Read(root, _options.Issuer, audience);
            return claims is null ? TokenValidationResult.Fail(TokenErrorCode.InvalidClaims, kid) : TokenValidationResult.Success(claims, kid);
        }
        catch (JsonException)
        {
            return TokenValidationResult.Fail(TokenErrorCode.Malformed, kid);
        }
    }

    private string? AcceptedAudience(JsonElement root)
    {
        if (!root.TryGetProperty(PassportClaimNames.Audience, out var aud)) return null;
        if (aud.ValueKind == JsonValueKind.String)
        {
            var value = aud.GetString()!;
            return _options.Audiences.Contains(value) ? value : null;
        }
        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && _options.Audiences.Contains(item.GetString()!)) return item.GetString();
            }
        }
        return null;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
