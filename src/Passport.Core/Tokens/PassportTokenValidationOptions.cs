namespace Passport.Core.Tokens;

/// <summary>What <see cref="PassportTokenValidator"/> requires of an access token.</summary>
public sealed class PassportTokenValidationOptions
{
    /// <summary>The exact <c>iss</c> value to accept (the IdP's issuer URL). Required.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> values this resource server accepts; a token must name at least one. Required, non-empty.</summary>
    public required IReadOnlyCollection<string> Audiences { get; init; }

    /// <summary>
    /// URL prefixes below which any <c>aud</c> is accepted too: resources (RFC 8707 §2) under an origin this server fronts,
    /// e.g. <c>https://gw.example</c> accepts <c>https://gw.example/mcp</c> (a match is the prefix itself or the prefix
    /// followed by <c>/</c>; never <c>https://gw.example.evil</c>). The host then holds each request to its own resource
    /// (the gateway: per route). Default: none.
    /// </summary>
    public IReadOnlyCollection<string> ResourcePrefixes { get; init; } = [];

    /// <summary>Largest token accepted, in characters. Default 8192.</summary>
    public int MaxTokenLength { get; init; } = 8192;

    /// <summary>Clock skew allowed when a token carries <c>exp</c> or <c>nbf</c> (RFC 7519 §4.1.4–5). Default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);
}
