using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;
using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Jose;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Benchmarks;

/// <summary>
/// The per-request work of the gateway, each measured against one raw NSec Ed25519 operation in the same run:
/// the "verify" category against <see cref="RawVerify"/>, the "sign" category against <see cref="RawSign"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CoreBenchmarks
{
    private const string Issuer = "https://passport.domain";
    private const string Audience = "https://resource-server.com";
    private const string Uri = "https://resource-server.com/orders";

    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    private Ed25519KeyPair _server = null!;
    private Ed25519KeyPair _agent = null!;
    private Key _nsecKey = null!;
    private PublicKey _nsecPublicKey = null!;
    private byte[] _publicKeyBytes = null!;
    private byte[] _data = null!;
    private byte[] _signature = null!;
    private byte[] _signatureBuffer = null!;
    private string _token = null!;
    private string _proof = null!;
    private string _jkt = null!;
    private string _did = null!;
    private DpopProofValidator _proofValidator = null!;
    private DpopProofFactory _proofFactory = null!;
    private PassportTokenValidator _tokenValidator = null!;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_716_400_000);
        var time = new FixedTimeProvider(now);
        _server = Ed25519KeyPair.Generate();
        _agent = Ed25519KeyPair.Generate();
        _nsecKey = Key.Create(Ed25519);
        _nsecPublicKey = _nsecKey.PublicKey;
        _publicKeyBytes = _nsecPublicKey.Export(KeyBlobFormat.RawPublicKey);
        var agentDid = DidKey.FromPublicKey(_agent.PublicKey);
        _did = agentDid.Value;
        _jkt = agentDid.Thumbprint;
        _token = new PassportTokenIssuer(_server, "passport-v1").Issue(new PassportTokenClaims
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = _did,
            JwtId = "550e8400-e29b-41d4-a716-446655440000",
            IssuedAt = now.ToUnixTimeSeconds(),
            Handle = "swiftly-golden-fox",
            Status = "CLAIMED",
            Name = "My Research Agent",
            Jkt = _jkt,
        });
        _proofFactory = new DpopProofFactory(_agent, time);
        _proof = _proofFactory.Create("GET", Uri, accessToken: _token);
        // The raw operations sign and verify exactly the proof's signing input (header.payload), so that the
        // baseline hashes as many bytes as the proof validation's own Ed25519 verify does.
        _data = System.Text.Encoding.ASCII.GetBytes(_proof[.._proof.LastIndexOf('.')]);
        _signature = Ed25519.Sign(_nsecKey, _data);
        _signatureBuffer = new byte[64];
        _proofValidator = new DpopProofValidator(new DpopProofValidationOptions { RequireAth = true }, time);
        _tokenValidator = new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = Issuer, Audiences = [Audience] },
            JwksSigningKeys.FromKeys([("passport-v1", _server.PublicKey)]));
        _handler = new JsonWebTokenHandler();
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            RequireExpirationTime = false,
            ValidateLifetime = false,
            IssuerSigningKey = new EdDsaSecurityKey(_server.PublicKey, "passport-v1"),
            ValidAlgorithms = ["EdDSA"],
        };

        // Fail fast if a benchmark would measure a refusal instead of the success path.
        if (!ProofValidation()) throw new InvalidOperationException("proof validation fails in setup");
        if (!TokenValidationLean()) throw new InvalidOperationException("lean token validation fails in setup");
        if (!TokenValidationIdentityModel().GetAwaiter().GetResult()) throw new InvalidOperationException("IdentityModel validation fails in setup");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        _agent.Dispose();
        _nsecKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw NSec Ed25519 verify")]
    [BenchmarkCategory("verify")]
    public bool RawVerify() => Ed25519.Verify(_nsecPublicKey, _data, _signature);

    [Benchmark(Description = "raw NSec verify incl. public key import")]
    [BenchmarkCategory("verify")]
    public bool RawVerifyWithImport() => Ed25519Verifier.Verify(_publicKeyBytes, _data, _signature);

    [Benchmark(Description = "DPoP proof validation (with ath, jkt)")]
    [BenchmarkCategory("verify")]
    public bool ProofValidation() =>
        _proofValidator.Validate(new DpopProofContext(_proof, "GET", Uri, _token, _jkt)).Succeeded;

    [Benchmark(Description = "token validation, lean (uncached)")]
    [BenchmarkCategory("verify")]
    public bool TokenValidationLean() => _tokenValidator.Validate(_token).Succeeded;

    [Benchmark(Description = "token validation, JsonWebTokenHandler (uncached)")]
    [BenchmarkCategory("verify")]
    public async Task<bool> TokenValidationIdentityModel() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Baseline = true, Description = "raw NSec Ed25519 sign")]
    [BenchmarkCategory("sign")]
    public byte[] RawSign()
    {
        Ed25519.Sign(_nsecKey, _data, _signatureBuffer);
        return _signatureBuffer;
    }

    [Benchmark(Description = "DPoP proof creation (with ath)")]
    [BenchmarkCategory("sign")]
    public string ProofCreation() => _proofFactory.Create("GET", Uri, accessToken: _token);

    [Benchmark(Description = "RFC 7638 thumbprint")]
    [BenchmarkCategory("parse")]
    public string Thumbprint() => JwkThumbprint.Compute(_publicKeyBytes);

    [Benchmark(Description = "did:key parse")]
    [BenchmarkCategory("parse")]
    public DidKey DidKeyParse() => DidKey.Parse(_did);
}
