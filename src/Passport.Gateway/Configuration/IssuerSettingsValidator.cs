namespace Passport.Gateway.Configuration;

/// <summary>The <c>Passport:Issuers</c> part of <see cref="PassportGatewayOptionsValidator"/>: each problem names the entry's setting.</summary>
internal static class IssuerSettingsValidator
{
    public static void Check(PassportGatewayOptions o, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var issuers = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(o.Issuer)) issuers.Add(o.Issuer);
        for (var i = 0; i < o.Issuers.Count; i++)
        {
            var entry = o.Issuers[i];
            var at = $"Passport:Issuers:{i}";
            if (entry is null)
            {
                errors.Add($"{at} is empty; give Name and Issuer or remove it.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(entry.Name) || !entry.Name.All(IsNameChar))
            {
                errors.Add($"{at}:Name is required: letters, digits, '.', '_' or '-' (e.g. keycloak); got '{entry.Name}'.");
            }
            else if (string.Equals(entry.Name, IssuerNames.Passport, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{at}:Name '{entry.Name}' is reserved for the Passport IdP (Passport:Issuer); choose another name.");
            }
            else if (!names.Add(entry.Name))
            {
                errors.Add($"{at}:Name '{entry.Name}' is used by another entry of Passport:Issuers; names must be unique.");
            }
            if (PassportGatewayOptionsValidator.RequireHttpUri(errors, $"{at}:Issuer", entry.Issuer, required: true) && !issuers.Add(entry.Issuer!))
            {
                errors.Add($"{at}:Issuer '{entry.Issuer}' is already configured (Passport:Issuer or another entry); each issuer appears once.");
            }
            if (!string.IsNullOrWhiteSpace(entry.JwksUri)) PassportGatewayOptionsValidator.RequireHttpUri(errors, $"{at}:JwksUri", entry.JwksUri, required: true);
            if (IssuerDiscoveries.TryParse(entry.Discovery) is null)
            {
                errors.Add($"{at}:Discovery must be Auto, OAuth or OpenId; got '{entry.Discovery}'.");
            }
            for (var a = 0; a < entry.Algorithms.Count; a++)
            {
                if (!IssuerAlgorithms.IsSupported(entry.Algorithms[a]))
                {
                    errors.Add($"{at}:Algorithms:{a} must be one of {string.Join(", ", IssuerAlgorithms.Supported)} (never none or HMAC); got '{entry.Algorithms[a]}'.");
                }
            }
            for (var a = 0; a < entry.Audiences.Count; a++)
            {
                if (string.IsNullOrWhiteSpace(entry.Audiences[a])) errors.Add($"{at}:Audiences:{a} is empty; give an audience or remove it.");
            }
            if (entry.ClockSkewSeconds is < 0 or > 300)
            {
                errors.Add($"{at}:ClockSkewSeconds must be between 0 and 300; got {entry.ClockSkewSeconds}.");
            }
            var claims = entry.Claims ?? new IssuerClaimSettings();
            Claim(errors, $"{at}:Claims:Subject", claims.Subject);
            Claim(errors, $"{at}:Claims:ClientId", claims.ClientId);
            Claim(errors, $"{at}:Claims:Scope", claims.Scope);
            Claim(errors, $"{at}:Claims:Actor", claims.Actor);
        }
    }

    private static void Claim(List<string> errors, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{name} must name a claim; got an empty value.");
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
