using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Passport.Core.Encoding;
using Passport.Core.Protocol;

namespace Passport.Agent;

public sealed partial class PassportClient
{
    /// <summary>
    /// Registers the identity's DID (<c>POST /auth/register</c>). On success the identity gets its handle and issuer
    /// (and is saved when <see cref="PassportClientOptions.Store"/> is set).
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string? ownerEmail = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var identity = RequireIdentity();
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var result = await PostJsonAsync<RegistrationResult>(discovery.RegistrationEndpoint,
            new RegisterRequest(identity.Did.Value, ownerEmail, name ?? identity.Name), cancellationToken).ConfigureAwait(false);
        identity.Handle = result.Handle;
        identity.Issuer = discovery.Issuer;
        identity.Name = result.Name ?? name ?? identity.Name;
        _options.Store?.Save(identity);
        return result;
    }

    /// <summary>
    /// Acquires a self token: <c>POST /auth/challenge {did}</c>, Ed25519 signature over the 32 raw nonce bytes, then
    /// <c>POST /auth/token</c> with a DPoP proof (htu = token endpoint) and <c>{did, nonce, signature, aud}</c>.
    /// <paramref name="audience"/> null means the issuer. The token is cached (and stored when a store is set).
    /// </summary>
    public async Task<PassportAccessToken> GetTokenAsync(string? audience = null, CancellationToken cancellationToken = default)
    {
        if (_options.TokenGrant == PassportTokenGrant.ClientCredentials)
        {
            return await GetTokenByClientCredentialsAsync(audience, cancellationToken).ConfigureAwait(false);
        }
        var identity = RequireIdentity();
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var (nonce, signature) = await SignChallengeAsync(identity, discovery, cancellationToken).ConfigureAwait(false);
        var body = JsonContent.Create(new TokenRequest(identity.Did.Value, nonce, signature, audience), options: Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, discovery.TokenEndpoint) { Content = body };
        using var response = await SendWithProofAsync(request, tokens: null, cancellationToken).ConfigureAwait(false);
        return await RememberSelfTokenAsync(response, audience ?? discovery.Issuer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a self-token response (either grant), caches and stores it for <paramref name="audience"/>.</summary>
    private async Task<PassportAccessToken> RememberSelfTokenAsync(HttpResponseMessage response, string audience, CancellationToken cancellationToken)
    {
        var answer = await ReadAsync<TokenResponse>(response, cancellationToken).ConfigureAwait(false);
        var token = new PassportAccessToken
        {
            Token = answer.AccessToken ?? answer.Token ?? throw InvalidResponse(response, "the token response has no token"),
            TokenType = answer.TokenType ?? DpopConstants.TokenType,
            Audience = audience,
            ObtainedAt = _options.TimeProvider.GetUtcNow(),
        };
        Remember(token);
        return token;
    }

    /// <summary>Redeems a claim token (or the whole emailed <c>/claim?token=…</c> link) at <c>POST /auth/claim</c>.</summary>
    public async Task<AgentInfo> ClaimAsync(string claimToken, CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        return await PostJsonAsync<AgentInfo>(discovery.ClaimEndpoint, new { token = OwnerLink.ExtractToken(claimToken) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who the IdP says this agent is (<c>GET /me</c> with a token for the issuer and a DPoP proof).</summary>
    public async Task<AgentInfo> MeAsync(CancellationToken cancellationToken = default)
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        return await SendAuthenticatedAsync<AgentInfo>(HttpMethod.Get, discovery.MeEndpoint, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A token provider for <paramref name="audience"/> (null = the issuer): the cached or stored token, a new one when refused.</summary>
    public IAccessTokenProvider CreateTokenProvider(string? audience = null) => new DelegateTokenProvider(async (forceRefresh, cancellationToken) =>
    {
        var discovery = await EnsureDiscoveryAsync(cancellationToken).ConfigureAwait(false);
        var key = IdentityStore.NormalizeAudience(audience ?? discovery.Issuer);
        if (!forceRefresh)
        {
            if (_tokens.TryGetValue(key, out var cached))
            {
                return cached.Token;
            }
            if (_options.Store?.FindToken(key) is { IsDelegation: false } stored)
            {
                _tokens[key] = stored;
                return stored.Token;
            }
        }
        return (await GetTokenAsync(audience, cancellationToken).ConfigureAwait(false)).Token;
    });

    /// <summary>A <see cref="DpopHandler"/> for this agent presenting tokens for <paramref name="audience"/> (null = the issuer).</summary>
    public DpopHandler CreateDpopHandler(string? audience = null, HttpMessageHandler? innerHandler = null)
    {
        var handler = new DpopHandler(Proofs, CreateTokenProvider(audience), new DpopHandlerOptions { Scheme = _options.Scheme }, _nonces);
        if (innerHandler is not null)
        {
            handler.InnerHandler = innerHandler;
        }
        return handler;
    }

    /// <summary>Signs a fresh challenge for <paramref name="identity"/>: (nonce, base64url signature over the raw nonce bytes).</summary>
    private async Task<(string Nonce, string Signature)> SignChallengeAsync(AgentIdentity identity, PassportDiscovery discovery, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(discovery.ChallengeEndpoint, new { did = identity.Did.Value }, Json, cancellationToken).ConfigureAwait(false);
        var challenge = await ReadAsync<ChallengeResponse>(response, cancellationToken).ConfigureAwait(false);
        byte[] nonceBytes;
        try
        {
            nonceBytes = Convert.FromHexString(challenge.Nonce ?? "");
        }
        catch (FormatException)
        {
            throw InvalidResponse(response, "the challenge nonce is not hexadecimal");
        }
        if (nonceBytes.Length != 32)
        {
            throw InvalidResponse(response, $"the challenge nonce is {nonceBytes.Length} bytes, not 32");
        }
        return (challenge.Nonce!, Base64UrlEncoding.Encode(identity.Sign(nonceBytes)));
    }

    private void Remember(PassportAccessToken token)
    {
        _tokens[IdentityStore.NormalizeAudience(token.Audience)] = token;
        _options.Store?.SaveToken(token);
    }

    private Task<HttpResponseMessage> SendWithProofAsync(HttpRequestMessage request, IAccessTokenProvider? tokens, CancellationToken cancellationToken)
    {
        var sender = new DpopSender(Proofs, tokens, new DpopHandlerOptions { Scheme = _options.Scheme }, _nonces);
        return sender.SendAsync(request, async (message, ct) =>
        {
            using var copy = await RequestCopy.CreateAsync(message, ct).ConfigureAwait(false);
            return await _http.SendAsync(copy, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task<T> SendAuthenticatedAsync<T>(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await SendWithProofAsync(request, CreateTokenProvider(), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAuthenticatedAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        using var response = await SendWithProofAsync(request, CreateTokenProvider(), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private sealed record RegisterRequest(string Did, string? OwnerEmail, string? Name);

    private sealed record TokenRequest(string Did, string Nonce, string Signature, string? Aud);

    private sealed record ChallengeResponse(string? Nonce, DateTimeOffset? ExpiresAt);

    private sealed record TokenResponse(
        string? Token,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        IReadOnlyList<string>? Scope,
        [property: JsonPropertyName("grant_id"), JsonConverter(typeof(FlexibleStringConverter))] string? GrantId);
}
