using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Encoding;
using Passport.Core.Tokens;
using Passport.Gateway.Configuration;

namespace Passport.Gateway.Tokens.Issuers;

/// <summary>
/// Validates an access token from one configured issuer (<c>Passport:Issuers:N</c>) with Microsoft.IdentityModel's
/// <see cref="JsonWebTokenHandler"/>: <c>alg</c> on the entry's list before any key is touched (no algorithm
/// confusion, never <c>none</c> or HMAC), key by <c>kid</c>, exact <c>iss</c>, <c>aud</c> on the list, <c>exp</c>
/// required (there is no revocation feed for a foreign issuer, so <c>exp</c> is the only end of trust), <c>nbf</c>
/// honoured, <c>cnf.jkt</c> required when <c>RequireDpop</c>. Never throws for bad input.
/// </summary>
internal sealed class ForeignTokenValidator
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly IssuerSettings _issuer;
    private readonly HashSet<string> _algorithms;
    private readonly List<string> _audiences;
    private readonly HashSet<string> _audienceSet;
    private readonly TimeProvider _time;

    public ForeignTokenValidator(IssuerSettings issuer, IReadOnlyList<string> gatewayAudiences, TimeProvider time)
    {
        _issuer = issuer;
        _algorithms = issuer.EffectiveAlgorithms.ToHashSet(StringComparer.Ordinal);
        _audiences = issuer.Audiences.Count > 0 ? issuer.Audiences : [.. gatewayAudiences];
        _audienceSet = _audiences.ToHashSet(StringComparer.Ordinal);
        _time = time;
    }

    /// <summary>Checks <paramref name="token"/> against the issuer's current <paramref name="keys"/> (null: none loaded yet).</summary>
    public async Task<ForeignTokenResult> ValidateAsync(string token, ForeignJwks? keys)
    {
        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return ForeignTokenResult.Fail(TokenErrorCode.Malformed);
        }
        if (jwt.IsEncrypted || !_algorithms.Contains(jwt.Alg)) return ForeignTokenResult.Fail(TokenErrorCode.UnsupportedAlgorithm);
        if (string.IsNullOrEmpty(jwt.Kid)) return ForeignTokenResult.Fail(TokenErrorCode.UnknownKey);
        if (keys?.Find(jwt.Kid) is not { } key) return ForeignTokenResult.Fail(TokenErrorCode.UnknownKey, jwt.Kid);

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _issuer.Issuer,
            ValidAudiences = _audiences,
            IssuerSigningKey = key,
            ValidAlgorithms = _algorithms,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            // Lifetime is checked below on the gateway's clock (TimeProvider), as the Passport path does.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var result = await Handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        if (!result.IsValid) return ForeignTokenResult.Fail(Map(result.Exception), jwt.Kid);

        // The signature is good: read the claims from the payload JSON itself, one parse, whatever types the issuer used.
        using var payload = JsonDocument.Parse(Base64UrlEncoding.Decode(jwt.EncodedPayload));
        var root = payload.RootElement;
        var lifetime = CheckLifetime(root, out var exp);
        if (lifetime != TokenErrorCode.None) return ForeignTokenResult.Fail(lifetime, jwt.Kid);
        var jkt = ReadJkt(root, out var bindingMalformed);
        if (bindingMalformed || (_issuer.RequireDpop && jkt is null)) return ForeignTokenResult.Fail(TokenErrorCode.InvalidClaims, jwt.Kid);

        var claims = _issuer.Claims;
        NumericDate(root, "iat", out var iat);
        return new ForeignTokenResult(TokenErrorCode.None, new ForeignTokenClaims(
            _issuer.Name!, _issuer.Issuer!, Text(root, claims.Subject), Text(root, claims.ClientId), Scope(root, claims.Scope), Actor(root, claims.Actor),
            jkt, exp, jwt.Kid)
        {
            Audience = jwt.Audiences.FirstOrDefault(_audienceSet.Contains) ?? _audiences[0],
            JwtId = Text(root, "jti"),
            IssuedAt = iat,
        }, jwt.Kid);
    }

    private TokenErrorCode CheckLifetime(JsonElement root, out long exp)
    {
        exp = 0;
        if (!NumericDate(root, "exp", out exp)) return TokenErrorCode.InvalidClaims;
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = _issuer.ClockSkewSeconds;
        if (exp <= now - skew) return TokenErrorCode.Expired;
        if (root.TryGetProperty("nbf", out _))
        {
            if (!NumericDate(root, "nbf", out var nbf)) return TokenErrorCode.InvalidClaims;
            if (nbf > now + skew) return TokenErrorCode.NotYetValid;
        }
        return TokenErrorCode.None;
    }

    /// <summary>RFC 7519 §2 NumericDate: a JSON number of seconds (a fraction is truncated).</summary>
    private static bool NumericDate(JsonElement root, string name, out long value)
    {
        value = 0;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number) return false;
        if (element.TryGetInt64(out value)) return true;
        if (!element.TryGetDouble(out var d) || !double.IsFinite(d) || d > long.MaxValue || d < long.MinValue) return false;
        value = (long)d;
        return true;
    }

    /// <summary><c>cnf.jkt</c>: a 43-character base64url SHA-256 thumbprint (RFC 9449 §6.1); malformed when present otherwise.</summary>
    private static string? ReadJkt(JsonElement root, out bool malformed)
    {
        malformed = false;
        if (!root.TryGetProperty("cnf", out var cnf)) return null;
        if (cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jkt", out var jkt))
        {
            malformed = cnf.ValueKind != JsonValueKind.Object;
            return null;
        }
        var value = jkt.ValueKind == JsonValueKind.String ? jkt.GetString() : null;
        if (value is not { Length: 43 } || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            malformed = true;
            return null;
        }
        return value;
    }

    private static string? Text(JsonElement root, string claim) =>
        root.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>RFC 9068 §2.2.3 <c>scope</c> is a space-separated string; Entra/Okta <c>scp</c> may be an array.</summary>
    private static string? Scope(JsonElement root, string claim)
    {
        if (!root.TryGetProperty(claim, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join(' ', value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
            _ => null,
        };
    }

    private static string? Actor(JsonElement root, string claim) =>
        root.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;

    private static TokenErrorCode Map(Exception? e) => e switch
    {
        SecurityTokenInvalidIssuerException => TokenErrorCode.InvalidIssuer,
        SecurityTokenInvalidAudienceException => TokenErrorCode.InvalidAudience,
        SecurityTokenInvalidAlgorithmException => TokenErrorCode.UnsupportedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => TokenErrorCode.UnknownKey,
        SecurityTokenInvalidSignatureException => TokenErrorCode.InvalidSignature,
        _ => TokenErrorCode.InvalidSignature,
    };
}
