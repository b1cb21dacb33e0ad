using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Encoding;
using Passport.Core.Errors;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;
using Passport.Core.Tests.Tokens;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Json;

/// <summary>A valid JSON document with arbitrary bytes spliced in at an arbitrary position (inside or outside strings).</summary>
public sealed record SplicedJson(byte[] Value)
{
    public override string ToString() => Convert.ToHexString(Value);
}

/// <summary>Generators for <see cref="ParserPropertyTests"/>.</summary>
public static class SplicedJsonArbitrary
{
    private static readonly string[] Documents =
    [
        """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"ath":"x","nonce":"n"}""",
        """{"alg":"EdDSA","kid":"passport-v1","typ":"JWT"}""",
        """{"iss":"https://passport.domain","aud":"https://resource-server.com","sub":"did:key:a","jti":"t","iat":1716400000,"cnf":{"jkt":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"},"act":{"sub":"did:key:b"},"scope":["a"]}""",
        """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","use":"sig"}]}""",
    ];

    private static readonly byte[][] Fragments =
    [
        "\\ud800"u8.ToArray(), "\\udc00"u8.ToArray(), [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xFF], [0xC3],
        [0xF4, 0x90, 0x80, 0x80], [0x80], "\""u8.ToArray(), "\\"u8.ToArray(), "1e400"u8.ToArray(), "-"u8.ToArray(), "{"u8.ToArray(),
        "\"iat\":1.5,"u8.ToArray(), "\"exp\":\"x\","u8.ToArray(), "\"sub\":\"x\","u8.ToArray(), [0x00],
    ];

    public static Arbitrary<SplicedJson> SplicedJson()
    {
        var fragment = Gen.Frequency(
            (3, Gen.Elements(Fragments)),
            (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(i => (byte)i))));
        return Gen.Elements(Documents).SelectMany(document =>
                Gen.Choose(0, document.Length).SelectMany(at => fragment, (at, bytes) =>
                {
                    var utf8 = System.Text.Encoding.UTF8.GetBytes(document);
                    return new SplicedJson([.. utf8.AsSpan(0, at), .. bytes, .. utf8.AsSpan(at)]);
                }),
            (_, spliced) => spliced)
            .ToArbitrary();
    }
}

/// <summary>
/// Issue 14 class 2 as properties: arbitrary strings and bytes through every Passport.Core parser raise only that
/// parser's typed error (a result code, or <see cref="PassportFormatException"/>), never another exception.
/// </summary>
public sealed class ParserPropertyTests : IDisposable
{
    private readonly Ed25519KeyPair _agent = TestKeys.Rfc();
    private readonly DpopProofValidator _proofs = new(new DpopProofValidationOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now)));
    private readonly TokenTestContext _tokens = new();

    [Property(Arbitrary = [typeof(SplicedJsonArbitrary)], MaxTest = 300)]
    public void Signed_proofs_with_any_bytes_in_header_or_payload_give_only_a_dpop_code(SplicedJson header, SplicedJson payload)
    {
        var valid = System.Text.Encoding.UTF8.GetBytes(ValidProofPayload);
        Validate(Jws.Sign(_agent, header.Value, valid));
        Validate(Jws.Sign(_agent, System.Text.Encoding.UTF8.GetBytes(ValidProofHeader), payload.Value));
        Validate(Jws.Sign(_agent, header.Value, payload.Value));
    }

    [Property(Arbitrary = [typeof(SplicedJsonArbitrary)], MaxTest = 300)]
    public void Signed_tokens_with_any_bytes_in_header_or_payload_give_only_a_token_code(SplicedJson header, SplicedJson payload)
    {
        AssertTokenCode(Jws.Sign(_tokens.Server, header.Value, System.Text.Encoding.UTF8.GetBytes(_tokens.Payload().ToJsonString())));
        AssertTokenCode(Jws.Sign(_tokens.Server, System.Text.Encoding.UTF8.GetBytes(_tokens.Header().ToJsonString()), payload.Value));
    }

    [Property]
    public void Signed_proofs_and_tokens_with_arbitrary_byte_arrays_give_only_their_codes(byte[] header, byte[] payload)
    {
        Validate(Jws.Sign(_agent, header ?? [], payload ?? []));
        AssertTokenCode(Jws.Sign(_tokens.Server, header ?? [], payload ?? []));
    }

    [Property(Arbitrary = [typeof(SplicedJsonArbitrary)], MaxTest = 300)]
    public void Claims_reader_returns_claims_or_null(SplicedJson payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.Value);
        }
        catch (JsonException)
        {
            return;
        }
        using (document)
        {
            PassportTokenClaimsReader.Read(document.RootElement, TokenTestContext.Issuer, TokenTestContext.Audience);
        }
    }

    [Property(Arbitrary = [typeof(SplicedJsonArbitrary)], MaxTest = 300)]
    public void Jwk_readers_raise_only_jwk_codes(SplicedJson json)
    {
        var text = System.Text.Encoding.UTF8.GetString(json.Value); // invalid bytes become U+FFFD; lone surrogates stay escaped
        Typed("jwk.", () => Ed25519PublicJwk.Parse(text));
        Typed("jwk.", () => JwksSigningKeys.Parse(text));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.Value);
        }
        catch (JsonException)
        {
            return;
        }
        using (document)
        {
            Typed("jwk.", () => Ed25519PublicJwk.Parse(document.RootElement));
            Typed("jwk.", () => Ed25519PrivateJwk.Import(document.RootElement).Dispose());
        }
    }

    [Property]
    public void Every_text_parser_raises_only_its_typed_error(string? text)
    {
        text ??= "";
        Typed("did.", () => DidKey.Parse(text));
        Typed("handle.", () => Handle.Validate(text));
        Typed("base58.", () => Base58Btc.Decode(text));
        Typed("base64url.", () => Base64UrlEncoding.Decode(text));
        Typed("jwk.", () => Ed25519PublicJwk.Parse(text));
        Typed("jwk.", () => JwksSigningKeys.Parse(text));
        HtuNormalizer.Normalize(text);
        Validate(text);
        AssertTokenCode(text);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public void Every_text_parser_raises_only_its_typed_error_for_nearly_valid_text(NearlyValidText text) =>
        Every_text_parser_raises_only_its_typed_error(text.Value);

    public void Dispose()
    {
        _agent.Dispose();
        _tokens.Dispose();
    }

    private const string ValidProofPayload = """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000}""";

    private string ValidProofHeader =>
        "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + _agent.PublicJwk.X + "\"}}";

    private void Validate(string proof)
    {
        var result = _proofs.Validate(new DpopProofContext(proof, ProofBuilder.Method, ProofBuilder.Uri));
        Assert.StartsWith("dpop.", result.Code);
    }

    private void AssertTokenCode(string token) => Assert.StartsWith("token.", _tokens.Validator.Validate(token).Code);

    private static void Typed(string prefix, Action parse)
    {
        try
        {
            parse();
        }
        catch (PassportFormatException e)
        {
            Assert.StartsWith(prefix, e.Code);
        }
    }
}
