using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Passport.Load.Auth;

/// <summary>
/// Plain ES256 bearer tokens (no DPoP) for the "YARP + JwtBearer" comparison: a P-256 key made here, tokens with
/// iss, aud, sub, iat, nbf, exp signed with <see cref="ECDsa"/> (IEEE P1363 r‖s, as JWS requires).
/// </summary>
public sealed class EcdsaBearerTokens : IDisposable
{
    /// <summary>The <c>kid</c> header of the tokens.</summary>
    public const string KeyId = "load-es256";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key as base64 SubjectPublicKeyInfo, passed to the JwtBearer host.</summary>
    public string PublicKeySpki => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>Signs a token for <paramref name="subject"/> valid for <paramref name="lifetime"/>.</summary>
    public string Issue(string issuer, string audience, string subject, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = KeyId });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now,
            ["nbf"] = now - 5,
            ["exp"] = now + (long)lifetime.TotalSeconds,
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
