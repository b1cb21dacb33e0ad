using System.Net;
using System.Net.Http.Headers;
using Passport.Core.Dpop;
using Passport.Core.Protocol;

namespace Passport.Agent;

/// <summary>
/// Sends a request with <c>Authorization</c> + a fresh DPoP proof (with <c>ath</c>), and retries at most once for
/// each of: a <c>use_dpop_nonce</c> challenge carrying <c>DPoP-Nonce</c> (RFC 9449 §8, §9), and an
/// <c>invalid_token</c> refusal after re-acquiring the token. The body is buffered before the first send so that
/// a retry can replay it.
/// </summary>
internal sealed class DpopSender
{
    private readonly DpopProofFactory _proofs;
    private readonly IAccessTokenProvider? _tokens;
    private readonly DpopHandlerOptions _options;
    private readonly DpopNonceCache _nonces;

    public DpopSender(DpopProofFactory proofs, IAccessTokenProvider? tokens, DpopHandlerOptions options, DpopNonceCache nonces)
    {
        _proofs = proofs;
        _tokens = tokens;
        _options = options;
        _nonces = nonces;
    }

    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("A DPoP proof needs an absolute request URI (set HttpClient.BaseAddress).");
        }
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }
        var token = _tokens is null ? null : await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
        var nonceRetried = !_options.RetryWithNonce;
        var tokenRetried = !_options.RefreshOnInvalidToken || _tokens is null;
        while (true)
        {
            Sign(request, uri, token);
            var response = await send(request, cancellationToken).ConfigureAwait(false);
            var gotNonce = _nonces.Remember(uri, response);
            if (!nonceRetried && gotNonce && await AsksForNonceAsync(response, cancellationToken).ConfigureAwait(false))
            {
                nonceRetried = true;
                response.Dispose();
                continue;
            }
            if (!tokenRetried && response.StatusCode == HttpStatusCode.Unauthorized
                && WwwAuthenticateChallenge.FindError(response) == OAuthErrors.InvalidToken)
            {
                tokenRetried = true;
                response.Dispose();
                token = await _tokens!.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
                continue;
            }
            return response;
        }
    }

    private void Sign(HttpRequestMessage request, Uri uri, string? token)
    {
        var proof = _proofs.Create(request.Method.Method, uri.AbsoluteUri, token, _nonces.Get(uri));
        request.Headers.Remove(DpopConstants.HeaderName);
        request.Headers.TryAddWithoutValidation(DpopConstants.HeaderName, proof);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(_options.Scheme.ToString(), token);
        }
    }

    /// <summary>A 401 with <c>WWW-Authenticate: … error="use_dpop_nonce"</c> (resource server, §9) or a 400 <c>{"error":"use_dpop_nonce"}</c> (authorization server, §8).</summary>
    private static async Task<bool> AsksForNonceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return WwwAuthenticateChallenge.FindError(response) == OAuthErrors.UseDpopNonce;
        }
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            if (WwwAuthenticateChallenge.FindError(response) == OAuthErrors.UseDpopNonce)
            {
                return true;
            }
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Contains(OAuthErrors.UseDpopNonce, StringComparison.Ordinal);
        }
        return false;
    }
}
