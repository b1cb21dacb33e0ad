using System.Net.Http.Json;
using Passport.Core.Protocol;

namespace Passport.Agent;

public sealed partial class PassportClient
{
    /// <summary>As principal, lets <paramref name="actorHandle"/> act for this agent within <paramref name="scopes"/> (<c>POST /api/delegations</c>).</summary>
    public async Task<DelegationGrant> GrantAsync(string actorHandle, IReadOnlyList<string> scopes, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        return await SendAuthenticatedAsync<DelegationGrant>(HttpMethod.Post, discovery.DelegationEndpoint,
            new { actor = actorHandle, scope = scopes }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The grants where this agent is principal or actor (<c>GET /api/delegations</c>).</summary>
    public async Task<IReadOnlyList<DelegationGrant>> ListGrantsAsync(CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var list = await SendAuthenticatedAsync<GrantList>(HttpMethod.Get, discovery.DelegationEndpoint, null, cancellationToken).ConfigureAwait(false);
        return list.Items ?? [];
    }

    /// <summary>As principal, revokes grant <paramref name="grantId"/> (<c>DELETE /api/delegations/{id}</c>).</summary>
    public async Task RevokeGrantAsync(string grantId, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(discovery.DelegationEndpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(grantId));
        await SendAuthenticatedAsync(HttpMethod.Delete, uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// As actor, exchanges this agent's self token for a delegation token acting for <paramref name="principalHandle"/>
    /// (<c>POST /auth/token/exchange</c>). <paramref name="scopes"/> null = every granted scope; <paramref name="audience"/>
    /// null = the issuer. The delegation token is returned, not cached: present it with <see cref="DelegateTokenProvider.Fixed"/>.
    /// </summary>
    public async Task<PassportAccessToken> ExchangeAsync(string principalHandle, IReadOnlyList<string>? scopes = null, string? audience = null, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, discovery.TokenExchangeEndpoint)
        {
            Content = JsonContent.Create(new { principal = principalHandle, scope = scopes, aud = audience }, options: Json),
        };
        using var response = await SendWithProofAsync(request, CreateTokenProvider(), cancellationToken).ConfigureAwait(false);
        var answer = await ReadAsync<TokenResponse>(response, cancellationToken).ConfigureAwait(false);
        return new PassportAccessToken
        {
            Token = answer.AccessToken ?? answer.Token ?? throw InvalidResponse(response, "the exchange response has no token"),
            TokenType = answer.TokenType ?? DpopConstants.TokenType,
            Audience = audience ?? discovery.Issuer,
            Scope = answer.Scope ?? scopes,
            GrantId = answer.GrantId,
            Principal = principalHandle,
            ObtainedAt = _options.TimeProvider.GetUtcNow(),
        };
    }

    private sealed record GrantList(IReadOnlyList<DelegationGrant>? Items);
}
