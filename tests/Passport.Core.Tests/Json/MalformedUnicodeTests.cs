using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Errors;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;
using Passport.Core.Tests.Tokens;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Json;

/// <summary>
/// Issue 14 class 2: a string that is not well-formed Unicode, at every string position of every reader, gives the
/// reader's typed error (DpopErrorCode, TokenErrorCode, PassportFormatException), never another exception.
/// Each row is run at each position of the table below.
/// </summary>
public sealed class MalformedUnicodeTests : IDisposable
{
    private const string ProofHeader = """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""";
    private const string ProofPayload = """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000}""";

    private readonly Ed25519KeyPair _agent = TestKeys.Rfc();
    private readonly DpopProofValidator _proofs = new(new DpopProofValidationOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now)));
    private readonly TokenTestContext _tokens = new();

    /// <summary>Proof payload positions the reader decodes: every claim read as a string.</summary>
    public static TheoryData<string, string> ProofPayloadPositions => Cross(
    [
        """{"jti":"@","htm":"GET","htu":"https://api.test/orders","iat":1716400000}""",
        """{"jti":"j-1","htm":"G@T","htu":"https://api.test/orders","iat":1716400000}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/@","iat":1716400000}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"ath":"@"}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"nonce":"@"}""",
    ]);

    /// <summary>Proof payload positions the reader skips: a value, a nested value, member names.</summary>
    public static TheoryData<string, string> ProofPayloadIgnoredPositions => Cross(
    [
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"x":"@"}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"x":{"y":["@"]}}""",
        """{"jti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000,"@":1}""",
        """{"j@ti":"j-1","htm":"GET","htu":"https://api.test/orders","iat":1716400000}""",
    ]);

    /// <summary>Proof header positions the reader decodes or compares: typ, alg, each jwk member.</summary>
    public static TheoryData<string, string> ProofHeaderPositions => Cross(
    [
        """{"typ":"dpop+jwt@","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"typ":"dpop+jwt","alg":"EdDSA@","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OK@","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"@","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"@11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"}}""",
    ]);

    /// <summary>Proof header positions the reader skips.</summary>
    public static TheoryData<string, string> ProofHeaderIgnoredPositions => Cross(
    [
        """{"typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"@"}}""",
        """{"typ":"dpop+jwt","alg":"EdDSA","kid":"@","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
        """{"@":"x","typ":"dpop+jwt","alg":"EdDSA","jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}""",
    ]);

    /// <summary>Token header positions the reader decodes or compares: alg, kid, typ.</summary>
    public static TheoryData<string, string> TokenHeaderPositions => Cross(
    [
        """{"alg":"EdDSA@","kid":"passport-v1","typ":"JWT"}""",
        """{"alg":"EdDSA","kid":"passport-v1@","typ":"JWT"}""",
        """{"alg":"EdDSA","kid":"passport-v1","typ":"J@WT"}""",
    ]);

    /// <summary>Token header positions the reader skips.</summary>
    public static TheoryData<string, string> TokenHeaderIgnoredPositions => Cross(
    [
        """{"alg":"EdDSA","kid":"passport-v1","x5u":"@"}""",
        """{"alg":"EdDSA","kid":"passport-v1","@":"x"}""",
    ]);

    /// <summary>Token payload positions: every claim read as a string, nested act/cnf/scope, an ignored member.</summary>
    public static TheoryData<string, string> TokenPayloadPositions => Cross(
    [
        Token("\"iss\":\"https://passport.domain@\""),
        Token("\"aud\":\"https://resource-server.com@\""),
        Token("\"aud\":[\"@\",\"https://resource-server.com\"]"),
        Token("\"sub\":\"did:key:@\""),
        Token("\"jti\":\"@\""),
        Token("\"handle\":\"@\""),
        Token("\"status\":\"@\""),
        Token("\"name\":\"@\""),
        Token("\"grant_id\":\"@\""),
        Token("\"scope\":[\"read:@\"]"),
        Token("\"act\":{\"sub\":\"did:key:@\"}"),
        Token("\"act\":{\"sub\":\"did:key:a\",\"handle\":\"@\"}"),
        Token("\"cnf\":{\"jkt\":\"@kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4\"}", withCnf: false),
    ]);

    /// <summary>Token payload positions no claim reads.</summary>
    public static TheoryData<string, string> TokenPayloadIgnoredPositions => Cross(
    [
        Token("\"x\":\"@\""),
        Token("\"x\":{\"y\":[\"@\"]}"),
        Token("\"@\":1"),
    ]);

    [Theory]
    [MemberData(nameof(ProofPayloadPositions))]
    public void Proof_payload_claim_with_malformed_text_is_malformed(string template, string row) =>
        Assert.Equal(DpopErrorCode.Malformed, ValidateProof(ProofHeader, template, row).Error);

    [Theory]
    [MemberData(nameof(ProofHeaderPositions))]
    public void Proof_header_member_with_malformed_text_is_refused(string template, string row)
    {
        var result = ValidateProof(template, ProofPayload, row);
        Assert.False(result.Succeeded);
        if (IsRaw(row)) Assert.Equal(DpopErrorCode.Malformed, result.Error);
    }

    /// <summary>Bytes that are not UTF-8 are refused wherever they are; an escaped lone surrogate is never decoded in a skipped member.</summary>
    [Theory]
    [MemberData(nameof(ProofPayloadIgnoredPositions))]
    public void Proof_payload_skipped_member_with_invalid_utf8_is_malformed_and_never_throws(string template, string row)
    {
        var result = ValidateProof(ProofHeader, template, row);
        if (IsRaw(row)) Assert.Equal(DpopErrorCode.Malformed, result.Error);
    }

    [Theory]
    [MemberData(nameof(ProofHeaderIgnoredPositions))]
    public void Proof_header_skipped_member_with_invalid_utf8_is_malformed_and_never_throws(string template, string row)
    {
        var result = ValidateProof(template, ProofPayload, row);
        if (IsRaw(row)) Assert.Equal(DpopErrorCode.Malformed, result.Error);
    }

    [Theory]
    [MemberData(nameof(TokenHeaderPositions))]
    public void Token_header_member_with_malformed_text_is_refused(string template, string row)
    {
        var result = ValidateToken(template, null, row);
        Assert.False(result.Succeeded);
        if (IsRaw(row) || template.Contains("passport-v1@", StringComparison.Ordinal)) Assert.Equal(TokenErrorCode.Malformed, result.Error);
    }

    [Theory]
    [MemberData(nameof(TokenHeaderIgnoredPositions))]
    public void Token_header_skipped_member_with_invalid_utf8_is_malformed_and_never_throws(string template, string row)
    {
        var result = ValidateToken(template, null, row);
        if (IsRaw(row)) Assert.Equal(TokenErrorCode.Malformed, result.Error);
    }

    [Theory]
    [MemberData(nameof(TokenPayloadPositions))]
    public void Token_payload_claim_with_malformed_text_is_malformed(string template, string row)
    {
        var result = ValidateToken(null, template, row);
        Assert.Equal(TokenErrorCode.Malformed, result.Error);
        Assert.Null(result.Claims);
    }

    [Theory]
    [MemberData(nameof(TokenPayloadIgnoredPositions))]
    public void Token_payload_skipped_member_with_invalid_utf8_is_malformed_and_never_throws(string template, string row)
    {
        var result = ValidateToken(null, template, row);
        if (IsRaw(row)) Assert.Equal(TokenErrorCode.Malformed, result.Error);
    }

    [Theory]
    [MemberData(nameof(TokenPayloadPositions))]
    public void Claims_reader_returns_null_for_malformed_text(string template, string row)
    {
        if (template.Contains("passport.domain@", StringComparison.Ordinal) || template.Contains("\"aud\":[\"@", StringComparison.Ordinal)
            || template.Contains("resource-server.com@", StringComparison.Ordinal))
        {
            return; // iss and aud are checked by the validator, not read by the claims reader
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(BadText.Splice(template, BadText.Of(row)));
        }
        catch (JsonException)
        {
            return; // System.Text.Json itself refused the bytes; nothing reaches the reader
        }
        using (document)
        {
            Assert.Null(PassportTokenClaimsReader.Read(document.RootElement, TokenTestContext.Issuer, TokenTestContext.Audience));
        }
    }

    /// <summary>JWK, JWKS and private JWK readers take .NET strings: only the escaped rows (and raw lone surrogates) apply.</summary>
    public static TheoryData<string, string> JwkPositions => CrossEscaped(
    [
        """{"kty":"OK@","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""",
        """{"kty":"OKP","crv":"@","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""",
        """{"kty":"OKP","crv":"Ed25519","x":"@"}""",
        """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"@"}""",
    ]);

    [Theory]
    [MemberData(nameof(JwkPositions))]
    public void Public_jwk_with_malformed_text_is_jwk_malformed(string template, string row)
    {
        var json = template.Replace("@", Escaped(row), StringComparison.Ordinal);
        Assert.Equal(PassportErrorCodes.JwkMalformed, Assert.Throws<PassportFormatException>(() => Ed25519PublicJwk.Parse(json)).Code);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(PassportErrorCodes.JwkMalformed, Assert.Throws<PassportFormatException>(() => Ed25519PrivateJwk.Import(document.RootElement)).Code);
    }

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    [InlineData(0xDFFF)]
    public void Jwk_and_jwks_text_holding_a_raw_lone_surrogate_give_only_jwk_errors(int surrogate)
    {
        var lone = "a" + (char)surrogate + "b";
        foreach (var template in new[]
        {
            """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","n":"@"}""",
            """{"kty":"OK@","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""",
            """{"kty":"OKP","crv":"Ed25519","x":"@"}""",
        })
        {
            var jwk = template.Replace("@", lone, StringComparison.Ordinal);
            AssertOnlyJwkErrors(() => Ed25519PublicJwk.Parse(jwk));
            AssertOnlyJwkErrors(() => JwksSigningKeys.Parse("{\"keys\":[" + jwk + "]}"));
        }
    }

    public static TheoryData<string, string> JwksPositions => CrossEscaped(
    [
        """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"@"}]}""",
        """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","use":"@"}]}""",
        """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k","alg":"@"}]}""",
        """{"keys":[{"kty":"@","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"k"}]}""",
        """{"keys":[{"kty":"OKP","crv":"Ed25519","x":"@","kid":"k"}]}""",
    ]);

    [Theory]
    [MemberData(nameof(JwksPositions))]
    public void Jwks_with_malformed_text_is_refused_or_skips_the_key_and_never_throws_anything_else(string template, string row)
    {
        var json = template.Replace("@", Escaped(row), StringComparison.Ordinal);
        try
        {
            Assert.DoesNotContain("k", JwksSigningKeys.Parse(json).KeyIds);
        }
        catch (PassportFormatException e)
        {
            Assert.Equal(PassportErrorCodes.JwkMalformed, e.Code);
        }
    }

    public void Dispose()
    {
        _agent.Dispose();
        _tokens.Dispose();
    }

    private DpopProofResult ValidateProof(string header, string payload, string row)
    {
        var bad = BadText.Of(row);
        var headerBytes = header.Contains('@', StringComparison.Ordinal) ? BadText.Splice(header, bad) : System.Text.Encoding.UTF8.GetBytes(header);
        var payloadBytes = payload.Contains('@', StringComparison.Ordinal) ? BadText.Splice(payload, bad) : System.Text.Encoding.UTF8.GetBytes(payload);
        var result = _proofs.Validate(new DpopProofContext(Jws.Sign(_agent, headerBytes, payloadBytes), ProofBuilder.Method, ProofBuilder.Uri));
        if (!result.Succeeded) Assert.Null(result.Jkt);
        return result;
    }

    private TokenValidationResult ValidateToken(string? header, string? payload, string row)
    {
        var bad = BadText.Of(row);
        var headerBytes = header is null ? System.Text.Encoding.UTF8.GetBytes(_tokens.Header().ToJsonString()) : BadText.Splice(header, bad);
        var payloadBytes = payload is null ? System.Text.Encoding.UTF8.GetBytes(_tokens.Payload().ToJsonString()) : BadText.Splice(payload, bad);
        return _tokens.Validator.Validate(Jws.Sign(_tokens.Server, headerBytes, payloadBytes));
    }

    private static bool IsRaw(string row) => BadText.Of(row)[0] != (byte)'\\';

    private static void AssertOnlyJwkErrors(Action parse)
    {
        try
        {
            parse();
        }
        catch (PassportFormatException e)
        {
            Assert.StartsWith("jwk.", e.Code);
        }
    }

    private static string Token(string member, bool withCnf = true)
    {
        var name = member[1..member.IndexOf('"', 1)];
        var claims = new Dictionary<string, string>
        {
            ["iss"] = "\"https://passport.domain\"",
            ["aud"] = "\"https://resource-server.com\"",
            ["sub"] = "\"did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp\"",
            ["jti"] = "\"t-1\"",
            ["iat"] = "1716400000",
            ["cnf"] = "{\"jkt\":\"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k\"}",
        };
        if (!withCnf) claims.Remove("cnf");
        claims.Remove(name);
        return "{" + string.Join(",", claims.Select(c => $"\"{c.Key}\":{c.Value}").Append(member)) + "}";
    }

    private static string Escaped(string row) => System.Text.Encoding.UTF8.GetString(BadText.Of(row));

    private static TheoryData<string, string> Cross(string[] templates)
    {
        var data = new TheoryData<string, string>();
        foreach (var template in templates)
        {
            foreach (var (name, _) in BadText.Rows) data.Add(template, name);
        }
        return data;
    }

    private static TheoryData<string, string> CrossEscaped(string[] templates)
    {
        var data = new TheoryData<string, string>();
        foreach (var template in templates)
        {
            foreach (var (name, bytes) in BadText.Rows.Where(r => r.Bytes[0] == (byte)'\\')) data.Add(template, name);
        }
        return data;
    }
}
