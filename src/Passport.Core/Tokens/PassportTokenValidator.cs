using System.Text.Json;
using Passport.Core.Jose;
using Passport.Core.Json;
using Passport.Core.Keys;
using Passport.Core.Protocol;

namespace Passport.Core.Tokens;

/// <summary>
/// Validates Passport access tokens as seeds/004 §4.3 steps 1–3 require: compact JWS, <c>alg</c> EdDSA only, key by
/// <c>kid</c> from the JWKS, signature, <c>iss</c>, <c>aud</c>, and the presence of sub, jti, iat and <c>cnf.jkt</c>.
/// Passport tokens carry no <c>exp</c>, but a token that does carry <c>exp</c> or <c>nbf</c> has them honoured
/// (RFC 7519 §4.1.4–5, with <see cref="PassportTokenValidationOptions.ClockSkew"/>); revocation is checked by the caller.
/// A header or payload that repeats a member name (at any depth) is malformed. This is the lean hot-path validator
/// (see docs/benchmarks.md for why it is not <c>JsonWebTokenHandler</c>); it never throws for bad input.
/// </summary>
public sealed class PassportTokenValidator
{
    private readonly PassportTokenValidationOptions _options;
    private readonly ISigningKeyResolver _keys;
    private readonly TimeProvider _time;

    // RFC 7519 §4: a JWT with duplicate member names is refused (the parser would otherwise keep one of them silently).
    private static readonly JsonDocumentOptions PayloadOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    /// <summary>Creates a validator that resolves signing keys through <paramref name="keys"/>.</summary>
    /// <param name="options">Issuer, audiences, limits.</param>
    /// <param name="keys">The IdP's signing keys by <c>kid</c>.</param>
    /// <param name="timeProvider">The clock for <c>exp</c>/<c>nbf</c>; the system clock when null.</param>
    public PassportTokenValidator(PassportTokenValidationOptions options, ISigningKeyResolver keys, TimeProvider? timeProvider = null)
    {
        _options = options;
        _keys = keys;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Validates <paramref name="token"/>.</summary>
    public TokenValidationResult Validate(string? token)
    {
        if (string.IsNullOrEmpty(token)) return TokenValidationResult.Fail(TokenErrorCode.Missing);
        if (token.Length > _options.MaxTokenLength) return TokenValidationResult.Fail(TokenErrorCode.TooLarge);
        try
        {
            return ValidateParsed(token);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            // Backstop for the "never throws" promise; the readers below map malformed JSON themselves. Free when nothing throws.
            return TokenValidationResult.Fail(TokenErrorCode.Malformed);
        }
    }

    private TokenValidationResult ValidateParsed(string token)
    {
        if (!CompactJws.TryParse(token, out var jws)) return TokenValidationResult.Fail(TokenErrorCode.Malformed);
        using (jws)
        {
            var headerError = ReadHeader(jws.Header, out var kid);
            if (headerError != TokenErrorCode.None) return TokenValidationResult.Fail(headerError, kid);
            var key = _keys.Find(kid!);
            if (key is null) return TokenValidationResult.Fail(TokenErrorCode.UnknownKey, kid);
            if (!Ed25519Verifier.Verify(key, jws.SigningInput, jws.Signature)) return TokenValidationResult.Fail(TokenErrorCode.InvalidSignature, kid);
            return ReadClaims(jws.PayloadMemory, kid!);
        }
    }

    private static TokenErrorCode ReadHeader(ReadOnlySpan<byte> header, out string? kid)
    {
        kid = null;
        bool alg = false, typ = false;
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return TokenErrorCode.Malformed;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("alg"u8))
                {
                    if (alg || !reader.Read() || reader.TokenType != JsonTokenType.String || !JoseAlgorithms.IsEd25519(ref reader)) return TokenErrorCode.UnsupportedAlgorithm;
                    alg = true;
                }
                else if (reader.ValueTextEquals("kid"u8))
                {
                    if (kid is not null || !reader.Read() || reader.TokenType != JsonTokenType.String) return TokenErrorCode.Malformed;
                    kid = reader.GetString(); // throws InvalidOperationException for lone surrogates / invalid UTF-8: caught below
                }
                else if (reader.ValueTextEquals("typ"u8))
                {
                    // A DPoP proof (typ dpop+jwt) must never be accepted as an access token.
                    if (typ || !reader.Read() || reader.TokenType != JsonTokenType.String || !(reader.ValueTextEquals("JWT"u8) || reader.ValueTextEquals("at+jwt"u8))) return TokenErrorCode.Malformed;
                    typ = true;
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
        catch (Exception e) when (MalformedJson.Is(e))
        {
            kid = null;
            return TokenErrorCode.Malformed;
        }
        if (!alg) return TokenErrorCode.UnsupportedAlgorithm;
        return string.IsNullOrEmpty(kid) ? TokenErrorCode.UnknownKey : TokenErrorCode.None;
    }

    private TokenValidationResult ReadClaims(ReadOnlyMemory<byte> payload, string kid)
    {
        try
        {
            using var document = JsonDocument.Parse(payload, PayloadOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return TokenValidationResult.Fail(TokenErrorCode.Malformed, kid);
            if (String(root, PassportClaimNames.Issuer) != _options.Issuer) return TokenValidationResult.Fail(TokenErrorCode.InvalidIssuer, kid);
            var audience = AcceptedAudience(root);
            if (audience is null) return TokenValidationResult.Fail(TokenErrorCode.InvalidAudience, kid);
            var claims = PassportTokenClaimsReader.ReadOrThrow(root, _options.Issuer, audience);
            if (claims is null) return TokenValidationResult.Fail(TokenErrorCode.InvalidClaims, kid);
            var timeError = CheckTime(claims);
            return timeError == TokenErrorCode.None ? TokenValidationResult.Success(claims, kid) : TokenValidationResult.Fail(timeError, kid);
        }
        catch (Exception e) when (MalformedJson.Is(e))
        {
            return TokenValidationResult.Fail(TokenErrorCode.Malformed, kid);
        }
    }

    /// <summary>RFC 7519 §4.1.4–5 with <see cref="PassportTokenValidationOptions.ClockSkew"/>; nothing to do for tokens without exp/nbf.</summary>
    private TokenErrorCode CheckTime(PassportTokenClaims claims)
    {
        if (claims.ExpiresAt is null && claims.NotBefore is null) return TokenErrorCode.None;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)_options.ClockSkew.TotalSeconds;
        if (claims.ExpiresAt is { } exp && exp <= now - skew) return TokenErrorCode.Expired;
        if (claims.NotBefore is { } nbf && nbf > now + skew) return TokenErrorCode.NotYetValid;
        return TokenErrorCode.None;
    }

    private string? AcceptedAudience(JsonElement root)
    {
        if (!root.TryGetProperty(PassportClaimNames.Audience, out var aud)) return null;
        if (aud.ValueKind == JsonValueKind.String)
        {
            var value = aud.GetString()!;
            return Accepts(value) ? value : null;
        }
        if (aud.ValueKind == JsonValueKind.Array)
        {
            // Configured audiences first, so a token naming the origin and a resource is held to the origin's rules.
            string? underPrefix = null;
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) continue;
                var value = item.GetString()!;
                if (_options.Audiences.Contains(value)) return value;
                if (underPrefix is null && IsUnderPrefix(value)) underPrefix = value;
            }
            return underPrefix;
        }
        return null;
    }

    private bool Accepts(string audience) => _options.Audiences.Contains(audience) || IsUnderPrefix(audience);

    private bool IsUnderPrefix(string audience)
    {
        foreach (var prefix in _options.ResourcePrefixes)
        {
            if (ResourceIndicators.IsAtOrBelow(audience, prefix)) return true;
        }
        return false;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
