using Microsoft.Extensions.Options;
using Passport.Core.Protocol;
using Passport.Core.Proxies;

namespace Passport.Server.Configuration;

/// <summary>Checks <see cref="PassportServerOptions"/> at start; every message names the setting and what would be right.</summary>
internal sealed class PassportServerOptionsValidator : IValidateOptions<PassportServerOptions>
{
    public ValidateOptionsResult Validate(string? name, PassportServerOptions options)
    {
        var errors = new List<string>();
        if (!IsOrigin(options.Issuer))
        {
            errors.Add("Passport:Issuer must be the IdP's public origin as an absolute http(s) URL without query or fragment, e.g. https://passport.example.com.");
        }
        for (var i = 0; i < options.Audiences.Count; i++)
        {
            if (!ResourceIndicators.IsWellFormed(options.Audiences[i]))
            {
                errors.Add($"Passport:Audiences:{i} must be an absolute http(s) URL without query or fragment (a resource server's origin, or a resource prefix such as https://gw.example/mcp), got '{options.Audiences[i]}'.");
            }
        }
        errors.AddRange(TrustedProxyList.Problems(options.TrustedProxies, "Passport:TrustedProxies"));
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Passport:DataDirectory must be a folder path, e.g. ./.data.");
        }
        var provider = options.Storage.Provider;
        if (!string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase) && !string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Passport:Storage:Provider must be 'Sqlite' or 'Postgres', got '{provider}'.");
        }
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            errors.Add("Passport:Storage:ConnectionString is required when Passport:Storage:Provider is 'Postgres', e.g. Host=127.0.0.1;Username=passport;Database=passport.");
        }
        if (string.IsNullOrWhiteSpace(options.SigningKey.KeyId))
        {
            errors.Add("Passport:SigningKey:KeyId must not be empty; the default is passport-v1.");
        }
        if (options.SigningKey.NextKeyPath is not null && options.SigningKey.NextKeyId == options.SigningKey.KeyId)
        {
            errors.Add("Passport:SigningKey:NextKeyId must differ from Passport:SigningKey:KeyId.");
        }
        if (options.SigningKey.PreviousKeyPath is not null)
        {
            var previousId = options.SigningKey.PreviousKeyId;
            if (string.IsNullOrWhiteSpace(previousId))
            {
                errors.Add("Passport:SigningKey:PreviousKeyId is required with Passport:SigningKey:PreviousKeyPath: the kid the previous key signed with, e.g. passport-v1.");
            }
            else if (previousId == options.SigningKey.KeyId || (options.SigningKey.NextKeyPath is not null && previousId == options.SigningKey.NextKeyId))
            {
                errors.Add($"Passport:SigningKey:PreviousKeyId '{previousId}' must differ from Passport:SigningKey:KeyId and NextKeyId.");
            }
        }
        if (string.IsNullOrEmpty(options.Redis.KeyPrefix))
        {
            errors.Add("Passport:Redis:KeyPrefix must not be empty; the default is 'passport:'.");
        }
        if (options.Redis.RepublishIntervalSeconds < 1)
        {
            errors.Add("Passport:Redis:RepublishIntervalSeconds must be at least 1.");
        }
        errors.AddRange(Mail.SmtpSettings.Problems(options.Smtp));
        Positive(errors, "Passport:RateLimiting:PermitsPerMinute", options.RateLimiting.PermitsPerMinute);
        Positive(errors, "Passport:RateLimiting:PermitsPerMinutePerDid", options.RateLimiting.PermitsPerMinutePerDid);
        Positive(errors, "Passport:ChallengeTtlSeconds", options.ChallengeTtlSeconds);
        Positive(errors, "Passport:ClaimTokenTtlHours", options.ClaimTokenTtlHours);
        Positive(errors, "Passport:OwnerLinkTtlMinutes", options.OwnerLinkTtlMinutes);
        Positive(errors, "Passport:OwnerConsole:SignInLinkTtlMinutes", options.OwnerConsole.SignInLinkTtlMinutes);
        Positive(errors, "Passport:OwnerConsole:IdleTimeoutMinutes", options.OwnerConsole.IdleTimeoutMinutes);
        Positive(errors, "Passport:OwnerConsole:AbsoluteLifetimeHours", options.OwnerConsole.AbsoluteLifetimeHours);
        Positive(errors, "Passport:ProofWindowSeconds", options.ProofWindowSeconds);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string setting, int value)
    {
        if (value < 1) errors.Add($"{setting} must be a positive integer, got {value}.");
    }

    private static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
