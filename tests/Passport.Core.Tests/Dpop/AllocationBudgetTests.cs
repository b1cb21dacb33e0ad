using Passport.Core.Dpop;
using Passport.Core.Tests.Support;
using Passport.Core.Tests.Tokens;

namespace Passport.Core.Tests.Dpop;

/// <summary>
/// Allocation budgets of the per-request paths (docs/benchmarks.md): bytes are exact and machine-independent, unlike
/// durations, so they are asserted here; times are measured with <c>--paired</c> instead.
/// </summary>
public sealed class AllocationBudgetTests : DpopTestBase
{
    private const int Calls = 200;

    [Fact]
    public void Proof_validation_with_ath_and_jkt_allocates_at_most_1_KB()
    {
        using var tokens = new TokenTestContext();
        var token = tokens.Issue(tokens.SelfClaims);
        var proof = new DpopProofFactory(Agent, Time).Create(ProofBuilder.Method, ProofBuilder.Uri, accessToken: token);
        var context = new DpopProofContext(proof, ProofBuilder.Method, ProofBuilder.Uri, token, TestKeys.RfcThumbprint);
        Assert.True(Validator.Validate(context).Succeeded);
        Assert.InRange(BytesPerCall(() => Validator.Validate(context)), 0, 1024);
    }

    [Fact]
    public void Token_validation_allocates_at_most_2_KB()
    {
        using var tokens = new TokenTestContext();
        var token = tokens.Issue(tokens.DelegationClaims);
        Assert.True(tokens.Validator.Validate(token).Succeeded);
        Assert.InRange(BytesPerCall(() => tokens.Validator.Validate(token)), 0, 2048);
    }

    [Fact]
    public void Proof_creation_allocates_only_the_proof_string()
    {
        using var tokens = new TokenTestContext();
        var token = tokens.Issue(tokens.SelfClaims);
        var factory = new DpopProofFactory(Agent, Time);
        var proof = factory.Create(ProofBuilder.Method, ProofBuilder.Uri, accessToken: token);
        // A string is 2 bytes per character plus a small object header; nothing else may be left behind.
        Assert.InRange(BytesPerCall(() => factory.Create(ProofBuilder.Method, ProofBuilder.Uri, accessToken: token)), 0, proof.Length * 2 + 64);
    }

    private static long BytesPerCall(Action call)
    {
        for (var i = 0; i < 20; i++) call();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++) call();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }
}
