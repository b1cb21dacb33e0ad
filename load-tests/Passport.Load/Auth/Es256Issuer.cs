using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Passport.Load.Auth;

/// <summary>
/// A stand-in for another authorization server (Keycloak, Duende, Entra, …; issue 15 §1) that issues RFC 9068 JWT
/// access tokens signed ES256 and DPoP-bound to the agent's P-256 key (<c>cnf.jkt</c>, RFC 9449 §6.1). Its issuer URL
/// is the IdP stub's origin + <see cref="PathSegment"/>; the stub serves its JWKS and metadata, and the gateway
/// trusts it as an entry of <c>Passport:Issuers</c> (<see cref="Suite.GatewayConfig"/>). The Passport IdP cannot
/// bind an ES256 key (its token endpoints and the agent SDK accept Ed25519 proofs only), so an ES256 agent's token
/// comes from such an issuer in practice too.
/// </summary>
public sealed class Es256Issuer : IDisposable
{
    /// <summary>The path of the issuer URL under the IdP stub's origin.</summary>
    public const string PathSegment = "/es256-as";

    /// <summary>The <c>kid</c> of the signing key.</summary>
    public const string KeyId = "load-es256-as";

    /// <summary>The name of the <c>Passport:Issuers</c> entry.</summary>
    public const string Name = "load-es256";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _encodedHeader;

    /// <summary>Creates the issuer <paramref name="origin"/> + <see cref="PathSegment"/>.</summary>
    public Es256Issuer(string origin)
    {
        Issuer = origin + PathSegment;
        JwksUri = Issuer + "/jwks.json";
        Jwks = "{\"keys\":[" + Es256Jwk.PublicJson(_key, KeyId) + "]}";
        _encodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + KeyId + "\"}"));
    }

    /// <summary>The issuer identifier (<c>iss</c>).</summary>
    public string Issuer { get; }

    /// <summary>The JWKS URL, served by the IdP stub.</summary>
    public string JwksUri { get; }

    /// <summary>The JWKS document (one EC P-256 signing key).</summary>
    public string Jwks { get; }

    /// <summary>RFC 8414 metadata: <c>issuer</c>, <c>jwks_uri</c>, ES256 DPoP proofs.</summary>
    public string Metadata => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = JwksUri,
        ["token_endpoint"] = Issuer + "/token",
        ["dpop_signing_alg_values_supported"] = new[] { "ES256" },
    });

    /// <summary>A token for <paramref name="audience"/>, <c>sub</c> and <c>client_id</c> <paramref name="clientId"/>, bound to <paramref name="jkt"/>.</summary>
    public string Issue(string audience, string clientId, string jkt, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["client_id"] = clientId,
            ["scope"] = "read:orders",
            ["iat"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["cnf"] = new Dictionary<string, string> { ["jkt"] = jkt },
        });
        var signingInput = _encodedHeader + "." + Base64Url.EncodeToString(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
