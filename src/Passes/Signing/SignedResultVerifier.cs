using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Passes;

/// <summary>
/// Verifies signed results (Ed25519 over the codec body only).
/// <para>
/// <b>WARNING — what the signature does NOT bind.</b> The signature covers the body bytes and nothing else: not
/// the topic, not the request, not the requesting origin, not a nonce, not a time. A valid signed result can be
/// replayed to any request of any topic, from any origin, at any time, unless the body carries those values and
/// the caller checks them. For approvals, sign an <see cref="ApprovalBody"/> and check it with
/// <see cref="ApprovalBodyValidator"/> after verifying. Also pass the key you expect: with <c>null</c>,
/// any key verifies and you must check <see cref="VerifiedSignedResult.Signer"/> yourself.
/// </para>
/// </summary>
public static class SignedResultVerifier
{
    /// <summary>Verifies a signed accepted body.</summary>
    /// <param name="signedBody">The accepted body: <c>[u16be len−1][JWK][u16be len−1][signature][body]</c>.</param>
    /// <param name="expectedPublicKeyJwkOrThumbprint">
    /// The signer you expect, as JWK JSON (starts with <c>{</c>) or as an RFC 7638 thumbprint; <c>null</c> accepts
    /// any signer (then you must check <see cref="VerifiedSignedResult.Signer"/> yourself).
    /// </param>
    /// <returns>The signer and the verified body.</returns>
    /// <exception cref="PassesFormatException">
    /// <see cref="PassesErrorCodes.Truncated"/> or <see cref="PassesErrorCodes.InvalidJwk"/> for malformed input;
    /// <see cref="PassesSignatureException"/> with <see cref="PassesErrorCodes.InvalidSignature"/> or
    /// <see cref="PassesErrorCodes.SignerMismatch"/>.
    /// </exception>
    public static VerifiedSignedResult Verify(ReadOnlySpan<byte> signedBody, string? expectedPublicKeyJwkOrThumbprint)
    {
        var parts = SignedResultBody.Decode(signedBody);
        var signer = Ed25519Jwk.Parse(parts.JwkJson.Span);
        var thumbprint = signer.Thumbprint();

        if (parts.Signature.Length != SignatureAlgorithm.Ed25519.SignatureSize)
        {
            throw new PassesSignatureException(
                PassesErrorCodes.InvalidSignature,
                $"An Ed25519 signature is {SignatureAlgorithm.Ed25519.SignatureSize} bytes; this one is {parts.Signature.Length}.");
        }

        if (!SignatureAlgorithm.Ed25519.Verify(signer.ToPublicKey(), parts.Body.Span, parts.Signature.Span))
        {
            throw new PassesSignatureException(PassesErrorCodes.InvalidSignature, "The signature does not verify over the body.");
        }

        if (expectedPublicKeyJwkOrThumbprint is not null && !IsExpected(thumbprint, expectedPublicKeyJwkOrThumbprint))
        {
            throw new PassesSignatureException(
                PassesErrorCodes.SignerMismatch,
                $"The result is signed by {thumbprint}, not by the expected key.");
        }

        return new VerifiedSignedResult(signer, thumbprint, parts.Body);
    }

    /// <summary>Decodes a result envelope, requires it to be accepted, and verifies its signed body.</summary>
    /// <param name="resultEnvelope">The result envelope bytes.</param>
    /// <param name="expectedPublicKeyJwkOrThumbprint">As for <see cref="Verify"/>.</param>
    /// <returns>The signer and the verified body.</returns>
    /// <exception cref="PassesFormatException">
    /// As for <see cref="Verify"/> and <see cref="ResultEnvelopeV0.Decode"/>, and <see cref="PassesErrorCodes.NotAccepted"/>
    /// when the result is rejected, unsupported or an exception (those are never signed).
    /// </exception>
    public static VerifiedSignedResult VerifyResult(ReadOnlySpan<byte> resultEnvelope, string? expectedPublicKeyJwkOrThumbprint)
    {
        var envelope = ResultEnvelopeV0.Decode(resultEnvelope);
        if (envelope.Status != ResultStatus.Accepted)
        {
            throw new PassesFormatException(
                PassesErrorCodes.NotAccepted,
                $"The result is {envelope.Status}; only accepted results are signed.");
        }

        return Verify(envelope.Body.Span, expectedPublicKeyJwkOrThumbprint);
    }

    private static bool IsExpected(string thumbprint, string expected)
    {
        var trimmed = expected.Trim();
        string expectedThumbprint;
        if (trimmed.StartsWith('{'))
        {
            expectedThumbprint = Ed25519Jwk.Parse(Encoding.UTF8.GetBytes(trimmed)).Thumbprint();
        }
        else
        {
            expectedThumbprint = trimmed;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(thumbprint),
            Encoding.ASCII.GetBytes(expectedThumbprint));
    }
}
