using System.Reflection;
using Passport.AspNetCore.Refusals;

namespace Passport.Gateway.Tests.Refusals;

/// <summary>The refusal catalogue is closed and unambiguous: one status, one challenge error and one problem type per code.</summary>
public sealed class RefusalCatalogTests
{
    [Fact]
    public void Every_code_maps_to_exactly_one_status_error_and_type()
    {
        var byCode = RefusalCatalog.All.GroupBy(r => r.Code).ToList();
        Assert.NotEmpty(byCode);
        foreach (var group in byCode)
        {
            Assert.Single(group.Select(r => (r.Status, r.Error, r.Type)).Distinct());
            Assert.Equal(ProblemType.Prefix + group.Key, group.First().Type);
        }
    }

    [Fact]
    public void Every_named_refusal_is_in_the_catalogue()
    {
        var named = typeof(RefusalCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Refusal)).Select(f => (Refusal)f.GetValue(null)!).ToList();
        Assert.All(named, r => Assert.Contains(r, RefusalCatalog.All));
        Assert.Contains(RefusalCatalog.All, r => r.Code == RefusalCatalog.MissingScopeCode);
    }

    [Fact]
    public void Statuses_and_errors_follow_RFC_6750_and_9449()
    {
        string?[] errors = [null, RefusalCatalog.InvalidRequest, RefusalCatalog.InvalidToken, RefusalCatalog.InsufficientScope, RefusalCatalog.InvalidDpopProof, RefusalCatalog.UseDpopNonce];
        foreach (var refusal in RefusalCatalog.All)
        {
            Assert.Contains(refusal.Status, new[] { 401, 403, 503 });
            Assert.Contains(refusal.Error, errors);
            // 503 is not a verdict on the credentials: no error; no credentials at all: no error either (RFC 6750 §3.1).
            if (refusal.IsUnavailable) Assert.Null(refusal.Error);
        }
    }

    [Fact]
    public void The_unified_codes_are_the_gateway_ones()
    {
        var codes = RefusalCatalog.All.Select(r => r.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "passport.revoked", "passport.rotated", "grant.revoked", "dpop.duplicate", "replay.unavailable" }, codes);
        Assert.DoesNotContain("record.revoked", codes);
        Assert.DoesNotContain("record.rotated", codes);
        Assert.DoesNotContain("delegation.grant_revoked", codes);
        Assert.DoesNotContain("dpop.multiple", codes);
        Assert.DoesNotContain("dpop.replay_store_full", codes);
    }
}
