using Passport.Core.Dpop;
using Passport.Core.Keys;

namespace Passport.Agent;

/// <summary>
/// A <see cref="DelegatingHandler"/> that makes every request of an <see cref="HttpClient"/> a Passport request:
/// <c>Authorization: DPoP &lt;token&gt;</c> (or <c>Bearer</c>) and a fresh DPoP proof bound to the token by <c>ath</c>.
/// Retries once with the server's nonce on <c>use_dpop_nonce</c> (RFC 9449 §8/§9) and once with a re-acquired token on
/// <c>invalid_token</c>. Request bodies are buffered first so that a retry can resend them.
/// </summary>
public sealed class DpopHandler : DelegatingHandler
{
    private readonly DpopSender _sender;

    /// <summary>Creates the handler for <paramref name="key"/>; <paramref name="tokens"/> may be null to send proofs only.</summary>
    public DpopHandler(Ed25519KeyPair key, IAccessTokenProvider? tokens, DpopHandlerOptions? options = null, TimeProvider? timeProvider = null)
        : this(new DpopProofFactory(key, timeProvider), tokens, options, new DpopNonceCache())
    {
    }

    /// <summary>Creates the handler with an inner handler (for use without <c>IHttpClientFactory</c>).</summary>
    public DpopHandler(Ed25519KeyPair key, IAccessTokenProvider? tokens, HttpMessageHandler innerHandler, DpopHandlerOptions? options = null, TimeProvider? timeProvider = null)
        : this(key, tokens, options, timeProvider) => InnerHandler = innerHandler;

    internal DpopHandler(DpopProofFactory proofs, IAccessTokenProvider? tokens, DpopHandlerOptions? options, DpopNonceCache nonces) =>
        _sender = new DpopSender(proofs, tokens, options ?? new DpopHandlerOptions(), nonces);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _sender.SendAsync(request, base.SendAsync, cancellationToken);
}
