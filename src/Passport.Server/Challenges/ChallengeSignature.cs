using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Server.Problems;

namespace Passport.Server.Challenges;

/// <summary>Checks <c>signature</c> = Ed25519 over the 32 nonce bytes by the DID's key; base64 in the standard or URL-safe alphabet, padded or not.</summary>
internal static class ChallengeSignature
{
    public const int MaxTextLength = 100;

    public static void Verify(DidKey did, string nonce, string signature)
    {
        Span<byte> nonceBytes = stackalloc byte[ChallengeNonce.ByteLength];
        if (!ChallengeNonce.TryDecode(nonce, nonceBytes))
        {
            throw ApiProblem.BadRequest(ProblemCodes.NonceMalformed, "nonce must be the 64 lowercase hex digits returned by /auth/challenge.");
        }
        Span<byte> signatureBytes = stackalloc byte[66];
        if (!TryDecodeBase64(signature, signatureBytes, out var length) || length != 64)
        {
            throw ApiProblem.BadRequest(ProblemCodes.SignatureMalformed, "signature must be the 64-byte Ed25519 signature in base64 (standard or URL-safe alphabet, padding optional).");
        }
        if (!Ed25519Verifier.Verify(did.PublicKey, nonceBytes, signatureBytes[..64]))
        {
            throw ApiProblem.BadRequest(ProblemCodes.SignatureInvalid, "signature is not a valid Ed25519 signature of the nonce bytes by the DID's key.");
        }
    }

    internal static bool TryDecodeBase64(string text, Span<byte> destination, out int length)
    {
        length = 0;
        if (text.Length is 0 or > MaxTextLength) return false;
        Span<char> normalized = stackalloc char[MaxTextLength + 3];
        var n = 0;
        foreach (var c in text)
        {
            normalized[n++] = c switch { '-' => '+', '_' => '/', _ => c };
        }
        while (n % 4 != 0) normalized[n++] = '=';
        return Convert.TryFromBase64Chars(normalized[..n], destination, out length);
    }
}
