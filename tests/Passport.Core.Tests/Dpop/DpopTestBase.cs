using Microsoft.Extensions.Time.Testing;
using Passport.Core.Dpop;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;

namespace Passport.Core.Tests.Dpop;

/// <summary>An agent key, a fake clock at <see cref="ProofBuilder.Now"/>, a validator and a proof builder.</summary>
public abstract class DpopTestBase : IDisposable
{
    protected DpopTestBase()
    {
        Agent = TestKeys.Rfc();
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(ProofBuilder.Now));
        Options = new DpopProofValidationOptions();
        Validator = new DpopProofValidator(Options, Time);
    }

    protected Ed25519KeyPair Agent { get; }
    protected FakeTimeProvider Time { get; }
    protected DpopProofValidationOptions Options { get; }
    protected DpopProofValidator Validator { get; }

    internal ProofBuilder Proof() => new(Agent);

    protected DpopProofResult Validate(string? proof, string method = ProofBuilder.Method, string uri = ProofBuilder.Uri,
        string? accessToken = null, string? expectedJkt = null, string? expectedNonce = null) =>
        Validator.Validate(new DpopProofContext(proof, method, uri, accessToken, expectedJkt, expectedNonce));

    protected void AssertRefused(string? proof, DpopErrorCode expected, string method = ProofBuilder.Method, string uri = ProofBuilder.Uri,
        string? accessToken = null, string? expectedJkt = null, string? expectedNonce = null)
    {
        var result = Validate(proof, method, uri, accessToken, expectedJkt, expectedNonce);
        Assert.Equal(expected, result.Error);
        Assert.False(result.Succeeded);
        Assert.Null(result.Jkt);
        Assert.Null(result.Jti);
        Assert.Equal(DpopErrors.Code(expected), result.Code);
    }

    protected void AssertAccepted(string proof, string method = ProofBuilder.Method, string uri = ProofBuilder.Uri,
        string? accessToken = null, string? expectedJkt = null, string? expectedNonce = null)
    {
        var result = Validate(proof, method, uri, accessToken, expectedJkt, expectedNonce);
        Assert.True(result.Succeeded, result.Code);
    }

    public void Dispose()
    {
        Agent.Dispose();
        GC.SuppressFinalize(this);
    }
}
