namespace Passport.Core.Protocol;

/// <summary>The names RFC 9449 (OAuth 2.0 DPoP) gives to headers, schemes and types, defined once for every component.</summary>
public static class DpopConstants
{
    /// <summary>The request header carrying the proof (RFC 9449 §4.1).</summary>
    public const string HeaderName = "DPoP";

    /// <summary>The authentication scheme of <c>Authorization</c> and <c>WWW-Authenticate</c> (RFC 9449 §7.1).</summary>
    public const string Scheme = "DPoP";

    /// <summary>The <c>token_type</c> of a DPoP-bound access token in a token response (RFC 9449 §5).</summary>
    public const string TokenType = "DPoP";

    /// <summary>The response header carrying a server-provided nonce (RFC 9449 §8, §9).</summary>
    public const string NonceHeaderName = "DPoP-Nonce";

    /// <summary>The <c>typ</c> of a proof's JOSE header (RFC 9449 §4.2).</summary>
    public const string ProofType = "dpop+jwt";
}
