using Passes.Internal;

namespace Passes;

/// <summary>
/// The parts of a signed accepted body: <c>[u16be len−1][JWK JSON][u16be len−1][signature][codec body]</c>.
/// This type only frames bytes; it verifies nothing. Use <see cref="SignedResultVerifier"/> to verify.
/// </summary>
/// <param name="JwkJson">The signer's public key as JWK JSON (UTF-8), exactly as on the wire.</param>
/// <param name="Signature">The signature bytes.</param>
/// <param name="Body">The codec body the signature covers.</param>
public sealed record SignedResultBody(ReadOnlyMemory<byte> JwkJson, ReadOnlyMemory<byte> Signature, ReadOnlyMemory<byte> Body)
{
    /// <summary>Frames the three parts.</summary>
    /// <returns>The signed accepted body.</returns>
    /// <exception cref="PassesFormatException"><see cref="PassesErrorCodes.FieldLength"/> when the key or signature is empty or over 65536 bytes.</exception>
    public byte[] Encode()
    {
        var output = new List<byte>(4 + JwkJson.Length + Signature.Length + Body.Length);
        LengthPrefix.Write(output, 2, JwkJson.Span, "JWK");
        LengthPrefix.Write(output, 2, Signature.Span, "Signature");
        output.AddRange(Body.Span);
        return [.. output];
    }

    /// <summary>Splits a signed accepted body into its parts.</summary>
    /// <param name="bytes">The accepted body.</param>
    /// <returns>The parts (copies).</returns>
    /// <exception cref="PassesFormatException"><see cref="PassesErrorCodes.Truncated"/>.</exception>
    public static SignedResultBody Decode(ReadOnlySpan<byte> bytes)
    {
        var jwk = LengthPrefix.Read(bytes, 2, "Signed result key", out var afterKey);
        var signature = LengthPrefix.Read(afterKey, 2, "Signed result signature", out var body);
        return new SignedResultBody(jwk.ToArray(), signature.ToArray(), body.ToArray());
    }
}
