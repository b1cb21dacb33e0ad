using Microsoft.Extensions.Options;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Tokens;
using Passport.Core.Tokens;
using Passport.Gateway.Authentication;
using Passport.Gateway.Configuration;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens.Issuers;
using PassportAuthenticationOptions = Passport.AspNetCore.PassportAuthenticationOptions;

namespace Passport.Gateway.Tokens;

/// <summary>
/// The gateway's step 2 of the request path: the access token, from the cache or verified against the JWKS (seeds/004 §4.3
/// steps 1–3). Issuer and audiences come from the gateway options (mapped into the scheme's options too).
/// A token the Passport IdP's validator refuses is looked at again only then: its unverified <c>iss</c> chooses a
/// <c>Passport:Issuers</c> entry (<see cref="ForeignTokenValidator"/> with that issuer's keys verifies everything), and an
/// <c>iss</c> that is neither the IdP's nor configured is <c>token.invalid_issuer</c>. So the IdP's tokens take exactly
/// the path they took before issuers existed.
/// </summary>
internal sealed class TokenVerifier : IPassportTokenVerifier
{
    private readonly TokenCache _cache;
    private readonly JwksKeySource _keys;
    private readonly PassportTokenValidator _validator;
    private readonly GatewayMetrics _metrics;
    private readonly TrustedIssuers _issuers;
    private readonly string _issuer;
    private readonly long _clockSkewSeconds;

    public TokenVerifier(IOptions<PassportGatewayOptions> options, TokenCache cache, JwksKeySource keys, TrustedIssuers issuers, GatewayMetrics metrics, TimeProvider time)
    {
        _cache = cache;
        _keys = keys;
        _issuers = issuers;
        _issuer = options.Value.Issuer!;
        _metrics = metrics;
        // Resources below the public origin (per-route RFC 8707 audiences) pass here; the scheme then holds each request to its route's.
        var validation = new PassportTokenValidationOptions
        {
            Issuer = options.Value.Issuer!,
            Audiences = options.Value.EffectiveAudiences.ToHashSet(StringComparer.Ordinal),
            ResourcePrefixes = [options.Value.PublicOrigin!.TrimEnd('/')],
        };
        _clockSkewSeconds = (long)validation.ClockSkew.TotalSeconds;
        // The gateway's clock, not the system's: exp/nbf and the cache's expiry (CachedToken.ExpiredFrom) read the same time.
        _validator = new PassportTokenValidator(validation, keys, time);
    }

    public ValueTask<PassportTokenCheck> VerifyAsync(ReadOnlyMemory<char> token, PassportAuthenticationOptions options, string scheme) =>
        VerifyAsync(token);

    public ValueTask<PassportTokenCheck> VerifyAsync(ReadOnlyMemory<char> presented)
    {
        var key = TokenHash.Of(presented.Span);
        if (_cache.TryGet(key, out var cached) && (cached!.Issuer is null ? _keys.Find(cached.KeyId) is not null : cached.Issuer.Honours(cached.KeyId)))
        {
            _metrics.TokenCache(hit: true);
            return ValueTask.FromResult(PassportTokenCheck.Accepted(cached.Ticket, cached.AccessToken));
        }
        _metrics.TokenCache(hit: false);
        var token = presented.ToString();
        var result = _validator.Validate(token);
        if (!result.Succeeded && result.Error != TokenErrorCode.Missing)
        {
            // Only for tokens the IdP path refused: which issuer does this one claim to be from?
            var iss = UnverifiedIssuer.Read(token);
            if (_issuers.Find(iss) is { } foreign) return VerifyForeignAsync(foreign, token, key);
            if (iss is not null && !string.Equals(iss, _issuer, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(PassportTokenCheck.Refused(RefusalCatalog.ForToken(TokenErrorCode.InvalidIssuer)));
            }
        }
        if (result.Error == TokenErrorCode.UnknownKey && result.KeyId is not null)
        {
            return RefetchAndVerifyAsync(token, key, result.KeyId);
        }
        return ValueTask.FromResult(Complete(key, token, result));
    }

    private async ValueTask<PassportTokenCheck> VerifyForeignAsync(TrustedIssuer issuer, string token, TokenHash key)
    {
        if (issuer.Keys.MetadataInvalid) return PassportTokenCheck.Refused(RefusalCatalog.IssuerMetadataInvalid);
        var result = await issuer.Validator.ValidateAsync(token, issuer.Keys.Current).ConfigureAwait(false);
        if (result.Error == TokenErrorCode.UnknownKey && result.KeyId is not null && await issuer.Keys.TryRefetchForUnknownKeyAsync(result.KeyId).ConfigureAwait(false))
        {
            result = await issuer.Validator.ValidateAsync(token, issuer.Keys.Current).ConfigureAwait(false);
        }
        if (!result.Succeeded)
        {
            if (issuer.Keys.MetadataInvalid) return PassportTokenCheck.Refused(RefusalCatalog.IssuerMetadataInvalid);
            if (result.Error == TokenErrorCode.UnknownKey && !issuer.Keys.IsLoaded) return PassportTokenCheck.Refused(RefusalCatalog.JwksUnavailable);
            return PassportTokenCheck.Refused(RefusalCatalog.ForToken(result.Error));
        }
        var claims = result.Claims!;
        if (ForeignTokenPrincipal.From(claims) is not { } principal) return PassportTokenCheck.Refused(RefusalCatalog.ForToken(TokenErrorCode.InvalidClaims));
        var entry = new CachedToken(principal, claims.KeyId, token, _cache.Now, ExpiredFrom(claims.ExpiresAt, issuer.Settings.ClockSkewSeconds))
        {
            Issuer = issuer.Keys,
        };
        _cache.Add(key, entry);
        return PassportTokenCheck.Accepted(entry.Ticket, entry.AccessToken);
    }

    private async ValueTask<PassportTokenCheck> RefetchAndVerifyAsync(string token, TokenHash key, string keyId)
    {
        if (await _keys.TryRefetchForUnknownKeyAsync(keyId).ConfigureAwait(false))
        {
            return Complete(key, token, _validator.Validate(token));
        }
        return PassportTokenCheck.Refused(_keys.IsLoaded ? RefusalCatalog.ForToken(TokenErrorCode.UnknownKey) : RefusalCatalog.JwksUnavailable);
    }

    private PassportTokenCheck Complete(TokenHash key, string token, TokenValidationResult result)
    {
        if (!result.Succeeded)
        {
            if (result.Error == TokenErrorCode.UnknownKey && !_keys.IsLoaded) return PassportTokenCheck.Refused(RefusalCatalog.JwksUnavailable);
            return PassportTokenCheck.Refused(RefusalCatalog.ForToken(result.Error));
        }
        var entry = new CachedToken(new PassportPrincipal(result.Claims!), result.KeyId!, token, _cache.Now, ExpiredFrom(result.Claims!.ExpiresAt, _clockSkewSeconds));
        _cache.Add(key, entry);
        return PassportTokenCheck.Accepted(entry.Ticket, entry.AccessToken);
    }

    // The validator's rule (expired when exp <= now - skew) as the first second the cache must not serve the entry.
    private static long ExpiredFrom(long? expiresAt, long clockSkewSeconds) => expiresAt is { } exp
        ? (exp > long.MaxValue - clockSkewSeconds ? long.MaxValue : exp + clockSkewSeconds)
        : long.MaxValue;
}
