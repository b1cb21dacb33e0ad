using Microsoft.IdentityModel.Tokens;

namespace Passport.Core.Jose;

/// <summary>
/// Teaches Microsoft.IdentityModel Ed25519 signatures for <see cref="EdDsaSecurityKey"/> and nothing else: the
/// algorithm names <c>EdDSA</c> (RFC 8037 §3.1) and its fully-specified form <c>Ed25519</c> (RFC 9864 §2.2), which
/// mean the same signature over an OKP key.
/// </summary>
public sealed class EdDsaCryptoProvider : ICryptoProvider
{
    /// <summary>The JOSE algorithm name (RFC 8037 §3.1).</summary>
    public const string Algorithm = "EdDSA";

    /// <summary>The shared instance.</summary>
    public static EdDsaCryptoProvider Instance { get; } = new();

    /// <inheritdoc />
    public bool IsSupportedAlgorithm(string algorithm, params object[] args) =>
        algorithm is Algorithm or Protocol.JoseAlgorithms.Ed25519 && args.Length > 0 && args[0] is EdDsaSecurityKey;

    /// <inheritdoc />
    public object Create(string algorithm, params object[] args)
    {
        if (!IsSupportedAlgorithm(algorithm, args))
        {
            throw new NotSupportedException($"Only '{Algorithm}' or '{Protocol.JoseAlgorithms.Ed25519}' with an {nameof(EdDsaSecurityKey)} is supported.");
        }
        var willCreateSignatures = args.Length > 1 && args[1] is bool b && b;
        return new EdDsaSignatureProvider((EdDsaSecurityKey)args[0], algorithm, willCreateSignatures);
    }

    /// <inheritdoc />
    public void Release(object cryptoInstance)
    {
        if (cryptoInstance is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
