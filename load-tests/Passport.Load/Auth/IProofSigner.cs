namespace Passport.Load.Auth;

/// <summary>Signs one DPoP proof (RFC 9449 §4.2) per call; the load runner's Ed25519 and ES256 agents each have one.</summary>
public interface IProofSigner
{
    /// <summary>A fresh proof for <paramref name="method"/> <paramref name="uri"/>, with <c>ath</c> of <paramref name="accessToken"/> when given.</summary>
    string Create(string method, string uri, string? accessToken);
}
