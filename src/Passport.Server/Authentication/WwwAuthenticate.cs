namespace Passport.Server.Authentication;

/// <summary>Builds RFC 6750 §3 / RFC 9449 §7.1 <c>WWW-Authenticate</c> values with the RFC 9728 <c>resource_metadata</c> parameter.</summary>
internal static class WwwAuthenticate
{
    public const string InvalidToken = "invalid_token";
    public const string InvalidDpopProof = "invalid_dpop_proof";

    /// <summary>
    /// <paramref name="scheme"/> is <c>Bearer</c> or <c>DPoP</c> (the one the client used); error attributes only when
    /// credentials were presented. Descriptions are fixed texts (quotes and backslashes removed), never client input.
    /// </summary>
    public static string Build(string scheme, string resourceMetadata, string? error = null, string? description = null)
    {
        var value = $"{scheme} realm=\"passport\", resource_metadata=\"{resourceMetadata}\"";
        if (scheme == "DPoP") value += ", algs=\"EdDSA\"";
        if (error is not null) value += $", error=\"{error}\"";
        if (description is not null) value += $", error_description=\"{Sanitize(description)}\"";
        return value;
    }

    private static string Sanitize(string text) =>
        new(text.Where(c => c >= 0x20 && c < 0x7f && c != '"' && c != '\\').ToArray());
}
