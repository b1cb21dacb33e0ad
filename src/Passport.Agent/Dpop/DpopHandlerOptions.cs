namespace Passport.Agent;

/// <summary>Options of <see cref="DpopHandler"/>.</summary>
public sealed class DpopHandlerOptions
{
    /// <summary>The <c>Authorization</c> scheme. Default <see cref="DpopAuthorizationScheme.DPoP"/>.</summary>
    public DpopAuthorizationScheme Scheme { get; set; } = DpopAuthorizationScheme.DPoP;

    /// <summary>Whether to retry once with the server's nonce after <c>use_dpop_nonce</c> (RFC 9449 §8/§9). Default true.</summary>
    public bool RetryWithNonce { get; set; } = true;

    /// <summary>Whether to re-acquire the token once and retry after <c>invalid_token</c>. Default true.</summary>
    public bool RefreshOnInvalidToken { get; set; } = true;
}
