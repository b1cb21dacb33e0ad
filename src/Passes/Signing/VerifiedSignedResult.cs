namespace Passes;

/// <summary>
/// A signed result whose signature verified. It proves only that <see cref="Signer"/> signed <see cref="Body"/>;
/// it says nothing about which request, origin, nonce or time the body answers unless the body itself says so
/// and the caller checks it (see <see cref="ApprovalBodyValidator"/>).
/// </summary>
/// <param name="Signer">The key that signed the body.</param>
/// <param name="SignerThumbprint">The RFC 7638 thumbprint of <paramref name="Signer"/>.</param>
/// <param name="Body">The verified codec body.</param>
public sealed record VerifiedSignedResult(Ed25519Jwk Signer, string SignerThumbprint, ReadOnlyMemory<byte> Body)
{
    /// <summary>Decodes the verified body with a codec.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="codec">The topic's result codec.</param>
    /// <returns>The value.</returns>
    /// <exception cref="PassesFormatException">The body is not a valid encoding.</exception>
    public T DecodeBody<T>(ICodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return codec.Decode(Body.Span);
    }
}
