using System.Text.Json.Nodes;
using Passport.Core.Keys;

namespace Passport.Core.Tests.Support;

/// <summary>
/// Builds DPoP proofs with arbitrary header and payload members for negative tests. Starts from a valid proof for
/// <c>GET https://api.test/orders</c> at <see cref="Now"/>; tests edit <see cref="Header"/> and <see cref="Payload"/>.
/// </summary>
internal sealed class ProofBuilder
{
    public const long Now = 1_716_400_000;
    public const string Method = "GET";
    public const string Uri = "https://api.test/orders";

    private readonly Ed25519KeyPair _key;

    public ProofBuilder(Ed25519KeyPair key)
    {
        _key = key;
        Header = new JsonObject
        {
            ["typ"] = "dpop+jwt",
            ["alg"] = "EdDSA",
            ["jwk"] = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = key.PublicJwk.X },
        };
        Payload = new JsonObject
        {
            ["jti"] = "e1j3V_bKic8-LAEB",
            ["htm"] = Method,
            ["htu"] = Uri,
            ["iat"] = Now,
        };
    }

    public JsonObject Header { get; }

    public JsonObject Payload { get; }

    public JsonObject Jwk => (JsonObject)Header["jwk"]!;

    public ProofBuilder With(Action<ProofBuilder> edit)
    {
        edit(this);
        return this;
    }

    /// <summary>Signs with the builder's key, or with <paramref name="signer"/> (a key other than the one in <c>jwk</c>).</summary>
    public string Build(Ed25519KeyPair? signer = null) => Jws.Sign(signer ?? _key, Header, Payload);
}
