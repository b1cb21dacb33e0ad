using Microsoft.Extensions.Options;

namespace Passport.Server.Approvals;

/// <summary>Checks <see cref="PassesApprovalOptions"/> at start-up; every message names the setting and what is expected.</summary>
internal sealed class PassesApprovalOptionsValidator : IValidateOptions<PassesApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, PassesApprovalOptions options)
    {
        var errors = new List<string>();
        if (options.ProviderUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo)))
        {
            errors.Add($"{PassesApprovalOptions.SectionName}:ProviderUrl must be an absolute http(s) URL without user info, e.g. https://passes.example.com/; it is '{url}'.");
        }

        Range(errors, nameof(options.MaxAgeSeconds), options.MaxAgeSeconds, 10, 3600);
        Range(errors, nameof(options.ClockSkewSeconds), options.ClockSkewSeconds, 0, 600);
        Range(errors, nameof(options.RequestTtlSeconds), options.RequestTtlSeconds, 30, 86400);
        Range(errors, nameof(options.RecoveryWaitHours), options.RecoveryWaitHours, 1, 720);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Range(List<string> errors, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{PassesApprovalOptions.SectionName}:{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
