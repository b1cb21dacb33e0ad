using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Passport.Core.Dpop;

namespace Passport.Load.Auth;

/// <summary>
/// ES256 DPoP proofs (RFC 9449 §4.2, RFC 7518 §3.4) as agents of other authorization servers send them: header
/// <c>{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":…,"y":…}}</c>, payload
/// <c>{jti, htm, htu, iat[, ath]}</c>, signature R‖S (64 bytes). Neither Passport.Core nor the agent SDK creates ES256
/// proofs (the Passport IdP binds Ed25519 keys only), so the runner signs them here with <see cref="ECDsa"/>. Thread-safe.
/// </summary>
public sealed class Es256ProofSigner(ECDsa key, TimeProvider time) : IProofSigner
{
    private readonly string _encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + Es256Jwk.PublicJson(key) + "}"));

    /// <inheritdoc />
    public string Create(string method, string uri, string? accessToken)
    {
        var htu = uri.Split('?', '#')[0];
        var jti = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        var iat = time.GetUtcNow().ToUnixTimeSeconds();
        var ath = accessToken is null ? "" : ",\"ath\":\"" + AccessTokenHash.Compute(accessToken) + "\"";
        var payload = $"{{\"jti\":\"{jti}\",\"htm\":\"{method}\",\"htu\":\"{htu}\",\"iat\":{iat}{ath}}}";
        var signingInput = _encodedHeader + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
