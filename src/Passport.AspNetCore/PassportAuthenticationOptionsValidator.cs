using Microsoft.Extensions.Options;
using Passport.Core.Dpop;
using Passport.Core.Proxies;

namespace Passport.AspNetCore;

/// <summary>Checks the options of every Passport scheme at start: issuer, audiences, public origin, proxies and bounds.</summary>
public sealed class PassportAuthenticationOptionsValidator : IValidateOptions<PassportAuthenticationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PassportAuthenticationOptions options)
    {
        var errors = new List<string>();
        if (!IsAbsoluteHttp(options.Issuer)) errors.Add("Issuer must be an absolute http(s) URL (the IdP origin).");
        if (options.Audiences.Count == 0 || options.Audiences.Any(string.IsNullOrWhiteSpace)) errors.Add("Audiences must hold at least one non-empty value.");
        if (!IsAbsoluteHttp(options.PublicOrigin) || HtuNormalizer.Normalize(options.PublicOrigin) is null)
        {
            errors.Add("PublicOrigin must be the absolute http(s) origin clients address (the proof's htu is built from it).");
        }
        foreach (var entry in options.TrustedProxies)
        {
            if (!TrustedProxyList.TryParseEntry(entry, out _)) errors.Add($"TrustedProxies entry '{entry}' is not an IP address or CIDR range.");
        }
        if (options.ProofIssuedAtWindowSeconds is < 1 or > 3600) errors.Add("ProofIssuedAtWindowSeconds must be between 1 and 3600.");
        if (options.MaxProofLength is < 256 or > 65536) errors.Add("MaxProofLength must be between 256 and 65536.");
        if (options.RetryAfterSeconds is < 1 or > 3600) errors.Add("RetryAfterSeconds must be between 1 and 3600.");
        if (options.ResourceMetadataUrl is not null && !IsAbsoluteHttp(options.ResourceMetadataUrl)) errors.Add("ResourceMetadataUrl must be an absolute http(s) URL.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"Passport scheme '{name}': {e}"));
    }

    private static bool IsAbsoluteHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
