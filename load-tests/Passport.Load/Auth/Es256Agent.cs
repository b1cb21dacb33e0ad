using System.Security.Cryptography;

namespace Passport.Load.Auth;

/// <summary>
/// An agent of another authorization server: a P-256 key, an ES256 access token from <see cref="Es256Issuer"/> bound to
/// it (<c>cnf.jkt</c>), and ES256 DPoP proofs (<see cref="Es256ProofSigner"/>).
/// </summary>
public sealed class Es256Agent : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Creates an agent with a token for <paramref name="audience"/>, valid for two hours (longer than any run).</summary>
    public Es256Agent(Es256Issuer issuer, string audience, string clientId)
    {
        Jkt = Es256Jwk.Thumbprint(_key);
        Token = issuer.Issue(audience, clientId, Jkt, TimeSpan.FromHours(2));
    }

    /// <summary>The RFC 7638 thumbprint of the agent's key.</summary>
    public string Jkt { get; }

    /// <summary>The access token.</summary>
    public string Token { get; }

    /// <summary>The <c>Authorization</c> header value (<c>DPoP &lt;token&gt;</c>, RFC 9449 §7.1).</summary>
    public string Authorization => "DPoP " + Token;

    /// <summary>A proof pool for GET <paramref name="uri"/> signed ES256 by this agent (with <c>ath</c>).</summary>
    public ProofPool Proofs(string uri) => new(time => new Es256ProofSigner(_key, time), "GET", uri, Token);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
