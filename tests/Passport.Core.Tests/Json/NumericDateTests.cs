using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;
using Passport.Core.Tests.Tokens;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Json;

/// <summary>
/// Issue 14 classes 3–4: NumericDate claims (RFC 7519 §2, §4.1.4–6) in proofs and tokens, read by one reader.
/// Non-integer values are allowed; exp/nbf are honoured with the skew (proofs: the iat window, 60 s; tokens:
/// ClockSkew, 60 s); values that are not numbers, or outside year 1–9999, are refused. The clock is at <c>Now</c>.
/// </summary>
public sealed class NumericDateTests : IDisposable
{
    private const long Now = ProofBuilder.Now;
    private const string ProofPrefix = "\"jti\":\"j-1\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\"";

    private readonly Ed25519KeyPair _agent = TestKeys.Rfc();
    private readonly DpopProofValidator _proofs = new(new DpopProofValidationOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)));
    private readonly TokenTestContext _tokens = new();

    /// <summary>(claims JSON after the fixed members, expected proof error, expected token error).</summary>
    public static TheoryData<string, DpopErrorCode, TokenErrorCode> Rows => new()
    {
        // iat: integer, fractional, exponent, window edges
        { "\"iat\":1716400000", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000.25", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1733325600.25", DpopErrorCode.FutureIssuedAt, TokenErrorCode.None },
        { "\"iat\":1716399940.5", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716399939.99", DpopErrorCode.StaleIssuedAt, TokenErrorCode.None },
        { "\"iat\":1716400060.99", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400061.0", DpopErrorCode.FutureIssuedAt, TokenErrorCode.None },
        { "\"iat\":1.7164E9", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":17164000000e-1", DpopErrorCode.None, TokenErrorCode.None },
        // iat that is not a NumericDate
        { "\"iat\":\"1716400000\"", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":null", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":true", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":[1716400000]", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":{\"v\":1716400000}", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":99999999999999999999", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":9223372036854775807", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":-9223372036854775808", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":1e308", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":1e400", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":-1e400", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":253402300800", DpopErrorCode.MissingIssuedAt, TokenErrorCode.InvalidClaims },
        { "\"iat\":253402300799", DpopErrorCode.FutureIssuedAt, TokenErrorCode.None },
        // exp (RFC 7519 §4.1.4): refused once now ≥ exp + skew
        { "\"iat\":1716400000,\"exp\":1716400300", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000,\"exp\":1716399941", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000,\"exp\":1716399940", DpopErrorCode.Expired, TokenErrorCode.Expired },
        { "\"iat\":1716400000,\"exp\":1716399940.9", DpopErrorCode.Expired, TokenErrorCode.Expired },
        { "\"iat\":1716400000,\"exp\":1716396400", DpopErrorCode.Expired, TokenErrorCode.Expired },
        { "\"iat\":1716400000,\"exp\":0", DpopErrorCode.Expired, TokenErrorCode.Expired },
        { "\"iat\":1716400000,\"exp\":1716400000.5", DpopErrorCode.None, TokenErrorCode.None },
        // nbf (RFC 7519 §4.1.5): refused while now < nbf − skew
        { "\"iat\":1716400000,\"nbf\":1716400000", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000,\"nbf\":1716400060", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000,\"nbf\":1716400060.7", DpopErrorCode.None, TokenErrorCode.None },
        { "\"iat\":1716400000,\"nbf\":1716400061", DpopErrorCode.NotYetValid, TokenErrorCode.NotYetValid },
        { "\"iat\":1716400000,\"nbf\":1716403600", DpopErrorCode.NotYetValid, TokenErrorCode.NotYetValid },
        // exp/nbf that are not NumericDates: malformed proofs, invalid token claims
        { "\"iat\":1716400000,\"exp\":\"1716400300\"", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"exp\":null", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"exp\":[1]", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"exp\":1e400", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"exp\":99999999999999999999", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"nbf\":\"x\"", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"nbf\":false", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"nbf\":{}", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
        { "\"iat\":1716400000,\"nbf\":-1e400", DpopErrorCode.Malformed, TokenErrorCode.InvalidClaims },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Proof_time_claims(string claims, DpopErrorCode expected, TokenErrorCode unused)
    {
        _ = unused;
        var payload = "{" + ProofPrefix + "," + claims + "}";
        var result = _proofs.Validate(new DpopProofContext(Jws.Sign(_agent, ProofHeaderJson(), payload), ProofBuilder.Method, ProofBuilder.Uri));
        Assert.Equal(expected, result.Error);
        if (result.Succeeded) Assert.InRange(result.IssuedAt, Now - 60, Now + 60);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Token_time_claims(string claims, DpopErrorCode unused, TokenErrorCode expected)
    {
        _ = unused;
        var payload = _tokens.Payload();
        payload.Remove("iat");
        var json = payload.ToJsonString();
        json = json[..^1] + "," + claims + "}";
        var result = _tokens.Validator.Validate(Jws.Sign(_tokens.Server, _tokens.Header().ToJsonString(), json));
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Fractional_iat_is_truncated_to_the_second_it_falls_in()
    {
        var proof = _proofs.Validate(new DpopProofContext(
            Jws.Sign(_agent, ProofHeaderJson(), "{" + ProofPrefix + ",\"iat\":1716400000.75}"), ProofBuilder.Method, ProofBuilder.Uri));
        Assert.Equal(Now, proof.IssuedAt);
        var token = _tokens.Validator.Validate(_tokens.CraftPayload(p => p["iat"] = 1716400000.75));
        Assert.Equal(Now, token.Claims!.IssuedAt);
    }

    [Fact]
    public void Token_exp_and_nbf_are_exposed_and_round_trip_through_the_issuer()
    {
        var claims = _tokens.SelfClaims with { ExpiresAt = Now + 300, NotBefore = Now - 5 };
        var result = _tokens.Validator.Validate(_tokens.Issue(claims));
        Assert.True(result.Succeeded, result.Code);
        Assert.Equal(Now + 300, result.Claims!.ExpiresAt);
        Assert.Equal(Now - 5, result.Claims.NotBefore);
        _tokens.Time.Advance(TimeSpan.FromSeconds(360));
        Assert.Equal(TokenErrorCode.Expired, _tokens.Validator.Validate(_tokens.Issue(claims)).Error);
    }

    [Fact]
    public void Token_clock_skew_is_configurable()
    {
        var strict = new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = TokenTestContext.Issuer, Audiences = [TokenTestContext.Audience], ClockSkew = TimeSpan.Zero },
            JwksSigningKeys.FromKeys([(TokenTestContext.KeyId, _tokens.Server.PublicKey)]), _tokens.Time);
        Assert.Equal(TokenErrorCode.NotYetValid, strict.Validate(_tokens.Issue(_tokens.SelfClaims with { NotBefore = Now + 1 })).Error);
        Assert.Equal(TokenErrorCode.Expired, strict.Validate(_tokens.Issue(_tokens.SelfClaims with { ExpiresAt = Now })).Error);
        Assert.True(strict.Validate(_tokens.Issue(_tokens.SelfClaims with { ExpiresAt = Now + 1, NotBefore = Now })).Succeeded);
    }

    [Fact]
    public void Every_new_code_is_stable()
    {
        Assert.Equal("dpop.expired", DpopErrors.Code(DpopErrorCode.Expired));
        Assert.Equal("dpop.not_yet_valid", DpopErrors.Code(DpopErrorCode.NotYetValid));
        Assert.Equal("token.expired", TokenErrors.Code(TokenErrorCode.Expired));
        Assert.Equal("token.not_yet_valid", TokenErrors.Code(TokenErrorCode.NotYetValid));
    }

    public void Dispose()
    {
        _agent.Dispose();
        _tokens.Dispose();
    }

    private string ProofHeaderJson() =>
        "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + _agent.PublicJwk.X + "\"}}";
}
