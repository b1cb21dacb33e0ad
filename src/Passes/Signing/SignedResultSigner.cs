using System.Text;
using NSec.Cryptography;

namespace Passes;

/// <summary>
/// Creates signed results: Ed25519 over the codec body bytes only. The signature binds nothing else — put the
/// topic, request hash, nonce, origin and time inside the body (see <see cref="ApprovalBody"/>).
/// </summary>
public static class SignedResultSigner
{
    /// <summary>Signs a codec body and frames it as a signed accepted body.</summary>
    /// <param name="key">An Ed25519 private key.</param>
    /// <param name="body">The codec body to sign.</param>
    /// <returns><c>[u16be len−1][JWK][u16be len−1][signature][body]</c>.</returns>
    public static byte[] SignBody(Key key, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Algorithm is not Ed25519)
        {
            throw new ArgumentException("Only Ed25519 keys are supported.", nameof(key));
        }

        var jwk = Encoding.UTF8.GetBytes(Ed25519Jwk.FromPublicKey(key.PublicKey).ToJson());
        var signature = SignatureAlgorithm.Ed25519.Sign(key, body);
        return new SignedResultBody(jwk, signature, body.ToArray()).Encode();
    }

    /// <summary>Signs a codec body and wraps it in an accepted result envelope.</summary>
    /// <param name="key">An Ed25519 private key.</param>
    /// <param name="body">The codec body to sign.</param>
    /// <returns>The result envelope bytes (<c>00</c> + signed body).</returns>
    public static byte[] SignAcceptedResult(Key key, ReadOnlySpan<byte> body) =>
        ResultEnvelopeV0.Accepted(SignBody(key, body)).Encode();
}
