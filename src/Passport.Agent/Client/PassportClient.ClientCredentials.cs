using Passport.Core.Protocol;

namespace Passport.Agent;

public sealed partial class PassportClient
{
    /// <summary>
    /// Acquires a self token with the OAuth <c>client_credentials</c> grant (RFC 6749 §4.4) and <c>private_key_jwt</c>
    /// client authentication (RFC 7523 §2.2): one form-encoded <c>POST</c> to the token endpoint with the DID as
    /// <c>client_id</c>, a client assertion signed by the agent's key, RFC 8707 <c>resource</c> when
    /// <paramref name="resource"/> is given (null = the issuer), and a DPoP proof by the same key (RFC 9449 §5), so the
    /// token is bound to it exactly as the challenge flow's is. The token is cached (and stored when a store is set).
    /// </summary>
    /// <exception cref="PassportAgentException">
    /// The IdP's refusal with its problem code, e.g. <c>invalid_client</c> (assertion refused or the DID unknown or
    /// revoked), <c>invalid_target</c> (resource not allowed), <c>unsupported_grant_type</c> (an IdP without the grant).
    /// </exception>
    public async Task<PassportAccessToken> GetTokenByClientCredentialsAsync(string? resource = null, CancellationToken cancellationToken = default)
    {
        var identity = RequireIdentity();
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", OAuthGrants.ClientCredentials),
            new("client_id", identity.Did.Value),
            new("client_assertion_type", OAuthGrants.JwtBearerAssertionType),
            new("client_assertion", ClientAssertionWriter.Create(identity, discovery.Issuer, _options.TimeProvider.GetUtcNow())),
        };
        if (resource is not null)
        {
            form.Add(new("resource", resource));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, discovery.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        using var response = await SendWithProofAsync(request, tokens: null, cancellationToken).ConfigureAwait(false);
        return await RememberSelfTokenAsync(response, resource ?? discovery.Issuer, cancellationToken).ConfigureAwait(false);
    }
}
