using System.Text;
using Passes;
using Passport.Core.Identity;
using Passport.Core.Keys;

namespace Passport.Fuzz;

/// <summary>
/// Writes the seed corpus (<c>dotnet Passport.Fuzz.dll --write-seeds corpus</c>): for each target a few small valid
/// inputs and near-valid ones (one rule broken), so that afl++ and the bounded replay start from deep paths.
/// The output is committed; rerun only when a format changes. Inputs that crash a parser belong in
/// <c>corpus/&lt;target&gt;/regressions/</c> instead (afl++ refuses crashing seeds).
/// </summary>
public static class Seeds
{
    /// <summary>Writes every target's seeds under <paramref name="root"/>/&lt;target&gt;/.</summary>
    public static void Write(string root)
    {
        foreach (var (target, seeds) in All())
        {
            var directory = Path.Combine(root, target);
            Directory.CreateDirectory(directory);
            foreach (var (name, bytes) in seeds)
            {
                File.WriteAllBytes(Path.Combine(directory, name), bytes);
            }
        }
    }

    private static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    private static IEnumerable<(string Target, (string Name, byte[] Bytes)[] Seeds)> All()
    {
        var signed = FuzzTargets.Signed.Compact(FuzzTargets.Signed.TokenHeader, FuzzTargets.Signed.TokenPayload);
        var proof = FuzzTargets.Signed.Compact(FuzzTargets.Signed.ProofHeader, FuzzTargets.Signed.ProofPayload);
        using var key = Ed25519KeyPair.FromPrivateSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var did = DidKey.FromPublicKey(key.PublicKey).Value;
        var x = key.PublicJwk.X;
        var privateJwk = Ed25519PrivateJwk.Export(key);

        yield return ("compact-jws",
        [
            ("token", U(signed)),
            ("proof", U(proof)),
            ("two-parts", U(signed[..signed.LastIndexOf('.')])),
            ("four-parts", U(signed + ".e30")),
            ("padded", U(signed.Replace(".", "=."))),
            ("short-signature", U(signed[..^2])),
        ]);
        yield return ("jws-header",
        [
            ("token-header", FuzzTargets.Signed.TokenHeader),
            ("proof-header", FuzzTargets.Signed.ProofHeader),
            ("alg-none", U("{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}")),
            ("duplicate-alg", U("{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"k1\"}")),
            ("jwk-with-d", U("{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"d\":\"AA\"}}")),
        ]);
        yield return ("token-claims",
        [
            ("valid", FuzzTargets.Signed.TokenPayload),
            ("delegation", U("{\"iss\":\"https://idp.example.com\",\"aud\":\"https://api.example.com\",\"sub\":\"did:key:z6Mkp\",\"jti\":\"j\",\"iat\":1800000000,\"cnf\":{\"jkt\":\"" + FuzzTargets.Signed.Jkt + "\"},\"act\":{\"sub\":\"did:key:z6Mka\",\"handle\":\"a\"},\"scope\":\"read write\",\"grant_id\":\"g1\"}")),
            ("aud-array", U("{\"iss\":\"https://idp.example.com\",\"aud\":[\"https://api.example.com\"],\"sub\":\"s\",\"jti\":\"j\",\"iat\":1800000000,\"cnf\":{\"jkt\":\"" + FuzzTargets.Signed.Jkt + "\"}}")),
            ("iat-string", U("{\"iss\":\"https://idp.example.com\",\"aud\":\"https://api.example.com\",\"sub\":\"s\",\"jti\":\"j\",\"iat\":\"1800000000\",\"cnf\":{\"jkt\":\"x\"}}")),
        ]);
        yield return ("proof-claims",
        [
            ("valid", FuzzTargets.Signed.ProofPayload),
            ("with-nonce", U("{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"https://api.example.com/resource\",\"iat\":1800000000,\"nonce\":\"n\"}")),
            ("iat-huge", U("{\"jti\":\"j\",\"htm\":\"GET\",\"htu\":\"https://api.example.com/resource\",\"iat\":1e999}")),
            ("duplicate-jti", U("{\"jti\":\"j\",\"jti\":\"k\",\"htm\":\"GET\",\"htu\":\"https://api.example.com/resource\",\"iat\":1800000000}")),
        ]);
        yield return ("jwk",
        [
            ("public", U(key.PublicJwk.ToJson())),
            ("private", U(privateJwk)),
            ("jwks", U("{\"keys\":[" + key.PublicJwk.ToJson("k1", "sig", "EdDSA") + "]}")),
            ("wrong-crv", U("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + x + "\"}")),
            ("x-not-base64url", U("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x.Replace('-', '+') + "=\"}")),
        ]);
        yield return ("did-key",
        [
            ("valid", U(did)),
            ("secp256k1", U("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")),
            ("bad-alphabet", U("did:key:z0OIl")),
            ("did-web", U("did:web:example.com")),
            ("short", U(did[..20])),
        ]);
        yield return ("base58btc",
        [
            ("key", U(did["did:key:z".Length..])),
            ("leading-ones", U("1111z")),
            ("bad-char", U("3mJr0")),
            ("empty", []),
        ]);
        yield return ("base64url",
        [
            ("x", U(x)),
            ("padded", U("YQ==")),
            ("plus-slash", U("a+b/")),
            ("one-char", U("A")),
            ("utf16-lone-surrogate", [FuzzText.Utf16Marker, 0x00, 0xD8, 0x41, 0x00]),
        ]);
        var request = RequestEnvelopeV0.Encode(PassesTopics.ProvideTopicsId, U("{\"uri\":\"https://p.example\",\"topics\":[\"a\"]}"));
        var batch = PassesTopics.RequestBatch.EncodeRequest([new RequestEnvelopeV0("com.example.t", U("hi"))]);
        yield return ("passes-envelope",
        [
            ("request", request),
            ("result-accepted", ResultEnvelopeV0.Accepted(U("{}")).Encode()),
            ("result-exception", ResultEnvelopeV0.Exception("boom").Encode()),
            ("batch", batch),
            ("signed", new SignedResultBody(U(Ed25519Jwk.FromPublicKey(NSec.Cryptography.PublicKey.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, key.PublicKey, NSec.Cryptography.KeyBlobFormat.RawPublicKey)).ToJson()), new byte[64], U("{}")).Encode()),
            ("unknown-version", [0x01, 0x00, 0x01, 0x61]),
        ]);
        yield return ("passes-codecs",
        [
            ("json", U("{\"uri\":\"https://p.example\",\"topics\":[\"a\",\"b\"]}")),
            ("approval", U("{\"topic\":\"t\",\"requestHash\":\"h\",\"nonce\":\"n\",\"origin\":\"o\",\"issuedAt\":1,\"payload\":{\"action\":\"approve\",\"scope\":[\"read\"]}}")),
            ("jwk", U("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\"}")),
            ("bigint", U("ff00")),
            ("boolean", [0x01]),
            ("number", [0x00, 0x00, 0x80, 0x3f]),
            ("lone-surrogate", U("{\"a\":\"\\ud800\"}")),
        ]);
        yield return ("www-authenticate",
        [
            ("dpop", U("DPoP error=\"invalid_token\", error_description=\"bad\", algs=\"EdDSA\"")),
            ("two-challenges", U("Bearer realm=\"x\", DPoP algs=\"EdDSA\", resource_metadata=\"https://a/.well-known/oauth-protected-resource\"")),
            ("unterminated", U("DPoP error=\"inva")),
            ("escapes", U("DPoP error=\"a\\\"b\\\\\", x=y,,")),
        ]);
    }
}
