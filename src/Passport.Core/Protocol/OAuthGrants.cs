namespace Passport.Core.Protocol;

/// <summary>OAuth token-endpoint vocabulary shared by the IdP and the agent SDK: grant types and client authentication.</summary>
public static class OAuthGrants
{
    /// <summary>RFC 6749 §4.4 <c>grant_type=client_credentials</c>: an autonomous client asks for its own token.</summary>
    public const string ClientCredentials = "client_credentials";

    /// <summary>RFC 8693 §2.1 token exchange grant type (the IdP's delegation exchange is modelled on it).</summary>
    public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";

    /// <summary>The seeds/004 challenge flow (signed nonce), named for <c>grant_types_supported</c>.</summary>
    public const string PassportChallenge = "urn:passport:grant-type:challenge";

    /// <summary>RFC 7523 §2.2 <c>client_assertion_type</c> of a JWT client assertion.</summary>
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The <c>token_endpoint_auth_method</c> of RFC 7523 client authentication (OpenID Connect Core §9 name, RFC 8414 §2).</summary>
    public const string PrivateKeyJwt = "private_key_jwt";
}
