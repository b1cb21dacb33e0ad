using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;
using Passport.Core.Tests.Tokens;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Json;

/// <summary>
/// Issue 14 class 5: a JOSE header or claims set that names a member twice is malformed (RFC 7515 §4, RFC 7519 §4:
/// "MUST either reject … or use a JSON parser that returns only the lexically last"; we reject), at the top level and
/// in nested objects, whether the names are written the same way or one is escaped. Proofs and tokens alike.
/// </summary>
public sealed class DuplicateMemberTests : IDisposable
{
    private readonly Ed25519KeyPair _agent = TestKeys.Rfc();
    private readonly DpopProofValidator _proofs = new(new DpopProofValidationOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now)));
    private readonly TokenTestContext _tokens = new();

    private const string Jkt = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    private const string Base = "\"iss\":\"https://passport.domain\",\"aud\":\"https://resource-server.com\",\"jti\":\"t-1\",\"iat\":1716400000";

    public static TheoryData<string> TokenPayloads => new()
    {
        "{" + Base + ",\"sub\":\"did:key:a\",\"sub\":\"did:key:b\",\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"\\u0073ub\":\"did:key:b\",\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"iss\":\"https://evil.example\",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"aud\":\"https://other-rs.test\",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"iat\":1716400001,\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"cnf\":{\"jkt\":\"" + Jkt + "\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\",\"jkt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\",\"j\\u006bt\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"act\":{\"sub\":\"did:key:x\",\"sub\":\"did:key:y\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"act\":{\"sub\":\"did:key:x\"},\"act\":{\"sub\":\"did:key:y\"}}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"scope\":[\"a\"],\"scope\":[\"b\"]}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"x\":1,\"x\":2}",
        "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"x\":{\"y\":1,\"y\":2}}",
    };

    public static TheoryData<string> TokenHeaders => new()
    {
        "{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\",\"kid\":\"passport-v1\"}",
        "{\"alg\":\"EdDSA\",\"kid\":\"passport-v1\",\"kid\":\"passport-v1\"}",
        "{\"alg\":\"EdDSA\",\"k\\u0069d\":\"passport-v1\",\"kid\":\"passport-v1\"}",
        "{\"alg\":\"EdDSA\",\"kid\":\"passport-v1\",\"typ\":\"JWT\",\"typ\":\"JWT\"}",
    };

    public static TheoryData<string> ProofPayloads => new()
    {
        "{\"jti\":\"a\",\"jti\":\"b\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000}",
        "{\"jti\":\"a\",\"j\\u0074i\":\"b\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htm\":\"POST\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"htu\":\"https://api.test/x\",\"iat\":1716400000}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000,\"iat\":1716400000}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000,\"exp\":1716400100,\"exp\":1716400100}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000,\"nbf\":1716400000,\"nbf\":1716400000}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000,\"ath\":\"x\",\"ath\":\"y\"}",
        "{\"jti\":\"a\",\"htm\":\"GET\",\"htu\":\"https://api.test/orders\",\"iat\":1716400000,\"nonce\":\"x\",\"nonce\":\"y\"}",
    };

    [Theory]
    [MemberData(nameof(TokenPayloads))]
    public void Token_payload_with_a_member_twice_is_malformed(string payload) =>
        Assert.Equal(TokenErrorCode.Malformed, _tokens.Validator.Validate(Jws.Sign(_tokens.Server, _tokens.Header().ToJsonString(), payload)).Error);

    [Theory]
    [MemberData(nameof(TokenHeaders))]
    public void Token_header_with_a_member_twice_is_refused(string header)
    {
        var result = _tokens.Validator.Validate(Jws.Sign(_tokens.Server, header, _tokens.Payload().ToJsonString()));
        Assert.Contains(result.Error, new[] { TokenErrorCode.Malformed, TokenErrorCode.UnsupportedAlgorithm });
    }

    [Theory]
    [MemberData(nameof(ProofPayloads))]
    public void Proof_payload_with_a_claim_twice_is_malformed(string payload)
    {
        var header = "{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + _agent.PublicJwk.X + "\"}}";
        var result = _proofs.Validate(new DpopProofContext(Jws.Sign(_agent, header, payload), ProofBuilder.Method, ProofBuilder.Uri));
        Assert.Equal(DpopErrorCode.Malformed, result.Error);
    }

    [Fact]
    public void The_same_token_without_the_duplicate_is_accepted()
    {
        var payload = "{" + Base + ",\"sub\":\"did:key:a\",\"cnf\":{\"jkt\":\"" + Jkt + "\"},\"act\":{\"sub\":\"did:key:x\"},\"scope\":[\"a\"],\"x\":{\"y\":1}}";
        Assert.True(_tokens.Validator.Validate(Jws.Sign(_tokens.Server, _tokens.Header().ToJsonString(), payload)).Succeeded);
    }

    public void Dispose()
    {
        _agent.Dispose();
        _tokens.Dispose();
    }
}
