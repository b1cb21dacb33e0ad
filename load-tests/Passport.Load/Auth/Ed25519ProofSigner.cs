using Passport.Core.Dpop;

namespace Passport.Load.Auth;

/// <summary>EdDSA proofs from Passport.Core's <see cref="DpopProofFactory"/>, what the Passport agent SDK sends.</summary>
public sealed class Ed25519ProofSigner(DpopProofFactory factory) : IProofSigner
{
    /// <inheritdoc />
    public string Create(string method, string uri, string? accessToken) => factory.Create(method, uri, accessToken);
}
