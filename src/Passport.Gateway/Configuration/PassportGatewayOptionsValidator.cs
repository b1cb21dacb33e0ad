using System.Net;
using Microsoft.Extensions.Options;
using Passport.Core.Proxies;

namespace Passport.Gateway.Configuration;

/// <summary>Checks every <c>Passport</c> setting and reports all problems at once, each naming the setting and what would be right.</summary>
internal sealed class PassportGatewayOptionsValidator : IValidateOptions<PassportGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, PassportGatewayOptions options)
    {
        var errors = Problems(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Problems(PassportGatewayOptions o)
    {
        var errors = new List<string>();
        RequireHttpUri(errors, "Passport:Issuer", o.Issuer, required: true);
        if (!string.IsNullOrWhiteSpace(o.JwksUri)) RequireHttpUri(errors, "Passport:JwksUri", o.JwksUri, required: true);
        if (RequireHttpUri(errors, "Passport:PublicOrigin", o.PublicOrigin, required: true)
            && Uri.TryCreate(o.PublicOrigin, UriKind.Absolute, out var origin)
            && (origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0))
        {
            errors.Add($"Passport:PublicOrigin must be an origin (scheme://host[:port]) without path, query or fragment; got '{o.PublicOrigin}'.");
        }
        for (var i = 0; i < o.Audiences.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(o.Audiences[i])) errors.Add($"Passport:Audiences:{i} is empty; give an audience URL or remove it.");
        }
        IssuerSettingsValidator.Check(o, errors);
        errors.AddRange(TrustedProxyList.Problems(o.TrustedProxies, "Passport:TrustedProxies"));
        Range(errors, "Passport:Dpop:IssuedAtWindowSeconds", o.Dpop.IssuedAtWindowSeconds, 1, 600);
        Range(errors, "Passport:Dpop:MaxProofLength", o.Dpop.MaxProofLength, 512, 16384);
        Range(errors, "Passport:Dpop:Nonce:RotationSeconds", o.Dpop.Nonce.RotationSeconds, 10, 86400);
        Range(errors, "Passport:Jwks:RefreshSeconds", o.Jwks.RefreshSeconds, 5, 86400);
        Range(errors, "Passport:Jwks:MinRefetchIntervalSeconds", o.Jwks.MinRefetchIntervalSeconds, 1, 3600);
        Range(errors, "Passport:Replay:MaxEntries", o.Replay.MaxEntries, 1000, 100_000_000);
        Range(errors, "Passport:Replay:ReplicationTimeoutMilliseconds", o.Replay.ReplicationTimeoutMilliseconds, 1, 5000);
        Range(errors, "Passport:Revocation:PollIntervalMilliseconds", o.Revocation.PollIntervalMilliseconds, 50, 60_000);
        Range(errors, "Passport:Revocation:MaxStalenessSeconds", o.Revocation.MaxStalenessSeconds, 1, 86400);
        Range(errors, "Passport:TokenCache:MaxEntries", o.TokenCache.MaxEntries, 1, 10_000_000);
        Range(errors, "Passport:TokenCache:IdleSeconds", o.TokenCache.IdleSeconds, 1, 86400);
        Range(errors, "Passport:Redis:RetryAfterSeconds", o.Redis.RetryAfterSeconds, 1, 3600);
        Range(errors, "Passport:Streaming:ActivityTimeoutSeconds", o.Streaming.ActivityTimeoutSeconds, 1, 604_800);

        var replay = ReplayStoreKinds.TryParse(o.Replay.Store);
        if (replay is null) errors.Add($"Passport:Replay:Store must be Memory or Redis; got '{o.Replay.Store}'.");
        var durability = ReplayDurabilities.TryParse(o.Replay.Durability);
        if (durability is null) errors.Add($"Passport:Replay:Durability must be Fast or Replicated; got '{o.Replay.Durability}'.");
        if (durability == ReplayDurability.Replicated && replay == ReplayStoreKind.Memory)
        {
            errors.Add("Passport:Replay:Durability Replicated needs Passport:Replay:Store Redis (a memory store has no replica to wait for).");
        }
        var revocation = RevocationSourceKinds.TryParse(o.Revocation.Source);
        if (revocation is null) errors.Add($"Passport:Revocation:Source must be None, Redis or Feed; got '{o.Revocation.Source}'.");
        if ((replay == ReplayStoreKind.Redis || revocation == RevocationSourceKind.Redis) && string.IsNullOrWhiteSpace(o.Redis.Configuration))
        {
            errors.Add("Passport:Redis:Configuration is required when Passport:Replay:Store or Passport:Revocation:Source is Redis (e.g. 127.0.0.1:6379).");
        }
        if (string.IsNullOrEmpty(o.Redis.KeyPrefix) || o.Redis.KeyPrefix.Any(char.IsWhiteSpace))
        {
            errors.Add($"Passport:Redis:KeyPrefix must be non-empty without whitespace (default passport:); got '{o.Redis.KeyPrefix}'.");
        }
        else if (o.Redis.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            errors.Add($"Passport:Redis:KeyPrefix must not contain '{{' or '}}' (a Redis Cluster hash tag would put every replay key in one slot); got '{o.Redis.KeyPrefix}'.");
        }
        if (revocation == RevocationSourceKind.Feed && !string.IsNullOrWhiteSpace(o.Revocation.FeedUri))
        {
            RequireHttpUri(errors, "Passport:Revocation:FeedUri", o.Revocation.FeedUri, required: true);
        }
        if (string.IsNullOrEmpty(o.Headers.Prefix) || !o.Headers.Prefix.EndsWith('-') || !o.Headers.Prefix.All(IsTokenChar))
        {
            errors.Add($"Passport:Headers:Prefix must be a header-name token ending with '-' (default X-Passport-); got '{o.Headers.Prefix}'.");
        }
        return errors;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    private static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add($"{name} must be between {min} and {max}; got {value}.");
    }

    internal static bool RequireHttpUri(List<string> errors, string name, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add($"{name} is required: an absolute http(s) URL such as https://passport.example.com.");
            return false;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{name} must be an absolute http(s) URL; got '{value}'.");
            return false;
        }
        return true;
    }
}
