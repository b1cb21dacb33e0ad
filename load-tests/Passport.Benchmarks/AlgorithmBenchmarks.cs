using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Core.Dpop;
using Passport.Gateway.Configuration;
using Passport.Gateway.Tokens.Issuers;
using Passport.Load.Auth;

namespace Passport.Benchmarks;

/// <summary>
/// Issue 15 §1: ES256 DPoP proof validation and the foreign-token path (ES256 and RS256, <see cref="ForeignTokenValidator"/>),
/// each against the raw verify of its own algorithm over the same bytes with a pre-imported key, so that the
/// BenchmarkDotNet <c>Ratio</c> column is "× one raw verify of that algorithm". The EdDSA counterparts are
/// <see cref="CoreBenchmarks"/>' "verify" category.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AlgorithmBenchmarks
{
    private const string Origin = "https://as.example";
    private const string Issuer = Origin + Es256Issuer.PathSegment;
    private const string Audience = "https://resource-server.com";
    private const string Uri = "https://resource-server.com/orders";

    private ECDsa _agentKey = null!;
    private Es256Issuer _es256Issuer = null!;
    private ECDsa _issuerEcKey = null!;
    private RSA _issuerRsaKey = null!;
    private string _es256Token = null!;
    private string _rs256Token = null!;
    private string _proof = null!;
    private string _jkt = null!;
    private byte[] _proofInput = null!;
    private byte[] _proofSignature = null!;
    private byte[] _proofX = null!;
    private byte[] _proofY = null!;
    private byte[] _es256Input = null!;
    private byte[] _es256Signature = null!;
    private byte[] _rs256Input = null!;
    private byte[] _rs256Signature = null!;
    private DpopProofValidator _proofValidator = null!;
    private ForeignTokenValidator _tokenValidator = null!;
    private ForeignJwks _jwks = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Now, not a fixed date: the ES256 token is the load runner's (Es256Issuer), which stamps iat/exp from the clock.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var time = new FixedTimeProvider(now);
        _agentKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _jkt = Es256Jwk.Thumbprint(_agentKey);
        var q = _agentKey.ExportParameters(false).Q;
        (_proofX, _proofY) = (q.X!, q.Y!);

        // ES256: the token the load runner's gateway-es256 agents present (so setup also proves the gateway accepts it);
        // RS256: signed by Microsoft.IdentityModel as an RFC 9068 issuer would.
        _es256Issuer = new Es256Issuer(Origin);
        _es256Token = _es256Issuer.Issue(Audience, "agent", _jkt, TimeSpan.FromHours(2));
        _issuerRsaKey = RSA.Create(2048);
        var rsaKey = new RsaSecurityKey(_issuerRsaKey) { KeyId = "rsa-1" };
        _rs256Token = Token(rsaKey, SecurityAlgorithms.RsaSha256, now);
        var rsaJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(rsaKey);
        var ecJwk = _es256Issuer.Jwks[("{\"keys\":[".Length)..^2];
        _jwks = ForeignJwks.TryParse($$"""{"keys":[{{ecJwk}},{"kty":"RSA","kid":"rsa-1","use":"sig","n":"{{rsaJwk.N}}","e":"{{rsaJwk.E}}"}]}""")!;
        var issuerJwk = (JsonWebKey)_jwks.Find(Es256Issuer.KeyId)!;
        _issuerEcKey = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(issuerJwk.X), Y = Base64UrlEncoder.DecodeBytes(issuerJwk.Y) },
        });
        _tokenValidator = new ForeignTokenValidator(new IssuerSettings { Name = "as", Issuer = Issuer }, [Audience], time);

        _proof = new Es256ProofSigner(_agentKey, time).Create("GET", Uri, _es256Token);
        (_proofInput, _proofSignature) = SigningInputAndSignature(_proof);
        (_es256Input, _es256Signature) = SigningInputAndSignature(_es256Token);
        (_rs256Input, _rs256Signature) = SigningInputAndSignature(_rs256Token);
        _proofValidator = new DpopProofValidator(new DpopProofValidationOptions { RequireAth = true, AcceptEs256 = true }, time);

        // Fail fast if a benchmark would measure a refusal instead of the success path.
        if (!RawP256VerifyProof() || !RawP256VerifyToken() || !RawRsaVerifyToken()) throw new InvalidOperationException("raw verify fails in setup");
        if (!Es256ProofValidation()) throw new InvalidOperationException("ES256 proof validation fails in setup");
        if (!Es256TokenValidation().GetAwaiter().GetResult()) throw new InvalidOperationException("ES256 token validation fails in setup");
        if (!Rs256TokenValidation().GetAwaiter().GetResult()) throw new InvalidOperationException("RS256 token validation fails in setup");
    }

    private static string Token(SecurityKey key, string alg, DateTimeOffset now) => new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
        new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer,
                ["aud"] = Audience,
                ["sub"] = "service-account-agent",
                ["client_id"] = "agent",
                ["scope"] = "read:orders",
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.ToUnixTimeSeconds() + 300,
                ["jti"] = "550e8400-e29b-41d4-a716-446655440000",
                ["cnf"] = new Dictionary<string, object> { ["jkt"] = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I" },
            },
            SigningCredentials = new SigningCredentials(key, alg),
            TokenType = "at+jwt",
        });

    private static (byte[] Input, byte[] Signature) SigningInputAndSignature(string jws)
    {
        var dot = jws.LastIndexOf('.');
        return (Encoding.ASCII.GetBytes(jws[..dot]), Passport.Core.Encoding.Base64UrlEncoding.Decode(jws.AsSpan(dot + 1)));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _agentKey.Dispose();
        _es256Issuer.Dispose();
        _issuerEcKey.Dispose();
        _issuerRsaKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw ECDsa P-256 verify of the proof (key pre-imported)")]
    [BenchmarkCategory("es256-proof")]
    public bool RawP256VerifyProof() => _agentKey.VerifyData(_proofInput, _proofSignature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "P256Verifier.Verify (the validator's verify: jwk x, y)")]
    [BenchmarkCategory("es256-proof")]
    public bool P256VerifierVerify() => Passport.Core.Keys.P256Verifier.Verify(_proofX, _proofY, _proofInput, _proofSignature);

    [Benchmark(Description = "ES256 DPoP proof validation (with ath, jkt)")]
    [BenchmarkCategory("es256-proof")]
    public bool Es256ProofValidation() =>
        _proofValidator.Validate(new DpopProofContext(_proof, "GET", Uri, _es256Token, _jkt)).Succeeded;

    [Benchmark(Baseline = true, Description = "raw ECDsa P-256 verify of the token (key pre-imported)")]
    [BenchmarkCategory("es256-token")]
    public bool RawP256VerifyToken() => _issuerEcKey.VerifyData(_es256Input, _es256Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark(Description = "ES256 token validation, ForeignTokenValidator (uncached)")]
    [BenchmarkCategory("es256-token")]
    public async Task<bool> Es256TokenValidation() => (await _tokenValidator.ValidateAsync(_es256Token, _jwks)).Succeeded;

    [Benchmark(Baseline = true, Description = "raw RSA-2048 PKCS#1 v1.5 verify of the token (key pre-imported)")]
    [BenchmarkCategory("rs256-token")]
    public bool RawRsaVerifyToken() => _issuerRsaKey.VerifyData(_rs256Input, _rs256Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "RS256 token validation, ForeignTokenValidator (uncached)")]
    [BenchmarkCategory("rs256-token")]
    public async Task<bool> Rs256TokenValidation() => (await _tokenValidator.ValidateAsync(_rs256Token, _jwks)).Succeeded;
}
