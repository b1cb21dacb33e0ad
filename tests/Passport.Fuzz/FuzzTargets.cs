using System.Text;
using System.Text.Json;
using Passes;
using Passport.Agent;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Fuzz;

/// <summary>
/// Every fuzz target: one per parser family. Each swallows only its parser's typed refusal
/// (<see cref="PassportFormatException"/>, <see cref="PassesFormatException"/>, or a failed validation result for the
/// validators, which must never throw); anything else escapes as a crash.
/// </summary>
public static class FuzzTargets
{
    private static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("compact-jws", "Passport.Core", CompactJws),
        new("jws-header", "Passport.Core", JwsHeader),
        new("token-claims", "Passport.Core", TokenClaims),
        new("proof-claims", "Passport.Core", ProofClaims),
        new("jwk", "Passport.Core", Jwk),
        new("did-key", "Passport.Core", Core(input => DidKey.Parse(FuzzText.From(input)))),
        new("base58btc", "Passport.Core", Core(input => Base58Btc.Decode(FuzzText.From(input)))),
        new("base64url", "Passport.Core", Base64UrlText),
        new("passes-envelope", "Passes", PassesEnvelope),
        new("passes-codecs", "Passes", PassesCodecs),
        new("www-authenticate", "Passport.Agent", input => WwwAuthenticateChallenge.Parse(FuzzText.From(input))),
    ];

    /// <summary>The target names, in a stable order.</summary>
    public static IEnumerable<string> Names => All.Select(t => t.Name);

    /// <summary>Every target.</summary>
    public static IReadOnlyList<FuzzTarget> Targets => All;

    /// <summary>Finds a target by name.</summary>
    public static bool TryGet(string name, out FuzzTarget target)
    {
        target = All.FirstOrDefault(t => t.Name == name)!;
        return target is not null;
    }

    private static Action<byte[]> Core(Action<byte[]> parse) => input =>
    {
        try
        {
            parse(input);
        }
        catch (PassportFormatException)
        {
        }
    };

    // Raw text as a token and as a proof: the compact serialization, base64url parts, header JSON.
    private static void CompactJws(byte[] input)
    {
        var text = FuzzText.From(input);
        _ = Signed.Tokens.Validate(text);
        _ = Signed.Proofs.Validate(new DpopProofContext(text, "GET", Signed.ProofUri, Signed.AccessToken));
    }

    // The input as the JOSE header of a correctly signed token and proof, so header parsing is reached past the split.
    private static void JwsHeader(byte[] input)
    {
        _ = Signed.Tokens.Validate(Signed.Compact(input, Signed.TokenPayload));
        _ = Signed.Proofs.Validate(new DpopProofContext(Signed.Compact(input, Signed.ProofPayload), "GET", Signed.ProofUri, Signed.AccessToken));
    }

    // The input as the claims of a correctly signed token: past the signature check, into the claims reader.
    private static void TokenClaims(byte[] input) =>
        _ = Signed.Tokens.Validate(Signed.Compact(Signed.TokenHeader, input));

    // The input as the claims of a correctly signed proof (DpopProofValidator.Validate on arbitrary proof claims).
    private static void ProofClaims(byte[] input) =>
        _ = Signed.Proofs.Validate(new DpopProofContext(Signed.Compact(Signed.ProofHeader, input), "GET", Signed.ProofUri, Signed.AccessToken, Signed.Jkt));

    private static void Jwk(byte[] input)
    {
        var text = FuzzText.From(input);
        Core(_ => Ed25519PublicJwk.Parse(text))(input);
        Core(_ => JwksSigningKeys.Parse(text))(input);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input);
        }
        catch (JsonException)
        {
            return;
        }
        using (document)
        {
            // The JsonElement overloads are public too: a caller may hand them any parsed document.
            Core(_ => Ed25519PublicJwk.Parse(document.RootElement))(input);
            Core(_ => Ed25519PrivateJwk.Import(document.RootElement).Dispose())(input);
        }
    }

    private static void Base64UrlText(byte[] input)
    {
        var text = FuzzText.From(input);
        Core(_ => Base64UrlEncoding.Decode(text))(input);
        var destination = new byte[input.Length];
        _ = Base64UrlEncoding.TryDecode(text, destination, out _);
        _ = Base64UrlEncoding.TryDecode(input, destination, out _);
        _ = Base64UrlEncoding.TryDecode(text, new byte[8], out _);
    }

    private static readonly Action<byte[]>[] EnvelopeDecoders =
    [
        b => RequestEnvelopeV0.Decode(b),
        b => ResultEnvelopeV0.Decode(b),
        b => new RequestBatchCodec().Decode(b),
        b => new ResultBatchCodec().Decode(b),
        b => new DefaultProviderRequestCodec().Decode(b),
        b => PassesTopics.ProvideTopics.DecodeRequest(b),
        b => PassesTopics.ProvidePass.DecodeRequest(b),
        b => PassesTopics.RequestBatch.DecodeRequest(b),
        b => PassesTopics.RequestBatch.DecodeResult(b),
        b => PassesTopics.RequestWithDefaultProvider.DecodeRequest(b),
        b => PassesTopics.RequestWithDefaultProvider.DecodeResult(b),
        b => SignedResultBody.Decode(b),
        b => SignedResultVerifier.Verify(b, null),
        b => SignedResultVerifier.VerifyResult(b, null),
    ];

    private static readonly Action<byte[]>[] CodecDecoders =
    [
        b => Passes.Codecs.Void.Decode(b),
        b => Passes.Codecs.Bytes.Decode(b),
        b => Passes.Codecs.String.Decode(b),
        b => Passes.Codecs.Boolean.Decode(b),
        b => Passes.Codecs.Number.Decode(b),
        b => Passes.Codecs.BigInt.Decode(b),
        b => JsonStringify.Stringify(Passes.Codecs.Json.Decode(b)),
        b => new JsonCodec<ProvideTopicsRequest>().Decode(b),
        b => ApprovalBody.Codec.Decode(b),
        b => Ed25519Jwk.Parse(b),
    ];

    private static void PassesEnvelope(byte[] input) => Feed(EnvelopeDecoders, input);

    private static void PassesCodecs(byte[] input) => Feed(CodecDecoders, input);

    private static void Feed(Action<byte[]>[] decoders, byte[] input)
    {
        foreach (var decode in decoders)
        {
            try
            {
                decode(input);
            }
            catch (PassesFormatException)
            {
            }
        }
    }

    /// <summary>A fixed key, clock and templates, so that fuzzed parts sit inside correctly signed tokens and proofs.</summary>
    public static class Signed
    {
        /// <summary>The instant every seed's <c>iat</c> uses; the validators run on this clock.</summary>
        public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        /// <summary>The URI proofs are checked against.</summary>
        public const string ProofUri = "https://api.example.com/resource";

        /// <summary>The access token proofs are bound to (<c>ath</c>).</summary>
        public const string AccessToken = "fuzz-access-token";

        private static readonly Ed25519KeyPair Key = Ed25519KeyPair.FromPrivateSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        /// <summary>The key's RFC 7638 thumbprint.</summary>
        public static readonly string Jkt = JwkThumbprint.Compute(Key.PublicKey);

        /// <summary>The token validator: issuer and audience of the seeds, the fixed key as <c>kid</c> "k1".</summary>
        public static readonly PassportTokenValidator Tokens = new(
            new PassportTokenValidationOptions { Issuer = "https://idp.example.com", Audiences = ["https://api.example.com"] },
            JwksSigningKeys.FromKeys([("k1", Key.PublicKey)]));

        /// <summary>The proof validator on the fixed clock.</summary>
        public static readonly DpopProofValidator Proofs = new(null, new FixedTime(Now));

        /// <summary>A valid token's header and claims (UTF-8 JSON).</summary>
        public static readonly byte[] TokenHeader, TokenPayload;

        /// <summary>A valid proof's header and claims (UTF-8 JSON).</summary>
        public static readonly byte[] ProofHeader, ProofPayload;

        static Signed()
        {
            var token = new PassportTokenIssuer(Key, "k1").Issue(new PassportTokenClaims
            {
                Issuer = "https://idp.example.com",
                Audience = "https://api.example.com",
                Subject = "did:key:z6MkfuzzSubject",
                JwtId = "jti-1",
                IssuedAt = Now.ToUnixTimeSeconds(),
                Jkt = Jkt,
                Handle = "fuzz-agent",
            });
            (TokenHeader, TokenPayload) = Split(token);
            (ProofHeader, ProofPayload) = Split(new DpopProofFactory(Key, new FixedTime(Now)).Create("GET", ProofUri, AccessToken, jti: "proof-jti-1"));
        }

        /// <summary>header.payload.signature with both parts base64url-encoded and a valid signature by the fixed key.</summary>
        public static string Compact(byte[] header, byte[] payload)
        {
            var signingInput = System.Buffers.Text.Base64Url.EncodeToString(header) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
            return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(Key.Sign(Encoding.ASCII.GetBytes(signingInput)));
        }

        private static (byte[] Header, byte[] Payload) Split(string compact)
        {
            var parts = compact.Split('.');
            return (System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]), System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
