using Microsoft.Extensions.Options;
using Passport.Core.Tokens;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Passport.Gateway.Refusals;
using Passport.Gateway.Telemetry;

namespace Passport.Gateway.Tokens;

/// <summary>Step 2 of the request path: the access token, from the cache or verified against the JWKS (seeds/004 §4.3 steps 1–3).</summary>
internal sealed class TokenVerifier
{
    private readonly TokenCache _cache;
    private readonly JwksKeySource _keys;
    private readonly PassportTokenValidator _validator;
    private readonly GatewayMetrics _metrics;

    public TokenVerifier(IOptions<PassportGatewayOptions> options, TokenCache cache, JwksKeySource keys, GatewayMetrics metrics)
    {
        _cache = cache;
        _keys = keys;
        _metrics = metrics;
        _validator = new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = options.Value.Issuer!, Audiences = options.Value.EffectiveAudiences.ToHashSet(StringComparer.Ordinal) },
            keys);
    }

    public ValueTask<TokenCheck> VerifyAsync(ReadOnlyMemory<char> presented)
    {
        var key = TokenHash.Of(presented.Span);
        if (_cache.TryGet(key, out var cached) && _keys.Find(cached!.KeyId) is not null)
        {
            _metrics.TokenCache(hit: true);
            return ValueTask.FromResult(new TokenCheck(cached, null));
        }
        _metrics.TokenCache(hit: false);
        var token = presented.ToString();
        var result = _validator.Validate(token);
        if (result.Error == TokenErrorCode.UnknownKey && result.KeyId is not null)
        {
            return RefetchAndVerifyAsync(token, key, result.KeyId);
        }
        return ValueTask.FromResult(Complete(key, token, result));
    }

    private async ValueTask<TokenCheck> RefetchAndVerifyAsync(string token, TokenHash key, string keyId)
    {
        if (await _keys.TryRefetchForUnknownKeyAsync(keyId).ConfigureAwait(false))
        {
            return Complete(key, token, _validator.Validate(token));
        }
        return _keys.IsLoaded ? new TokenCheck(null, RefusalCatalog.ForToken(TokenErrorCode.UnknownKey)) : new TokenCheck(null, RefusalCatalog.JwksUnavailable);
    }

    private TokenCheck Complete(TokenHash key, string token, TokenValidationResult result)
    {
        if (!result.Succeeded)
        {
            if (result.Error == TokenErrorCode.UnknownKey && !_keys.IsLoaded) return new TokenCheck(null, RefusalCatalog.JwksUnavailable);
            return new TokenCheck(null, RefusalCatalog.ForToken(result.Error));
        }
        var entry = new CachedToken(new PassportPrincipal(result.Claims!), result.KeyId!, token, _cache.Now);
        _cache.Add(key, entry);
        return new TokenCheck(entry, null);
    }
}

/// <summary>The outcome of <see cref="TokenVerifier.VerifyAsync"/>: a verified token or a refusal.</summary>
internal readonly record struct TokenCheck(CachedToken? Token, Refusal? Refusal);
