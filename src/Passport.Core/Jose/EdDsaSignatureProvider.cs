using Microsoft.IdentityModel.Tokens;
using Passport.Core.Keys;

namespace Passport.Core.Jose;

/// <summary>Ed25519 signatures (64 bytes) for Microsoft.IdentityModel, computed by NSec/libsodium.</summary>
internal sealed class EdDsaSignatureProvider : SignatureProvider
{
    private readonly EdDsaSecurityKey _key;

    public EdDsaSignatureProvider(EdDsaSecurityKey key, string algorithm, bool willCreateSignatures) : base(key, algorithm)
    {
        if (willCreateSignatures && key.KeyPair is null)
        {
            throw new InvalidOperationException("This EdDSA key has no private key and cannot sign.");
        }
        _key = key;
        WillCreateSignatures = willCreateSignatures;
    }

    public override byte[] Sign(byte[] input) => RequireKeyPair().Sign(input);

    public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < 64)
        {
            return false;
        }
        RequireKeyPair().Sign(data, destination[..64]);
        bytesWritten = 64;
        return true;
    }

    public override byte[] Sign(byte[] input, int offset, int count) => RequireKeyPair().Sign(input.AsSpan(offset, count));

    public override bool Verify(byte[] input, byte[] signature) => Ed25519Verifier.Verify(_key.PublicKey, input, signature);

    public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
        Ed25519Verifier.Verify(_key.PublicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));

    protected override void Dispose(bool disposing) { }

    private Ed25519KeyPair RequireKeyPair() =>
        _key.KeyPair ?? throw new InvalidOperationException("This EdDSA key has no private key and cannot sign.");
}
