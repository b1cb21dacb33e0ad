using System.Reflection;
using Passport.AspNetCore.Refusals;
using Passport.Core.Dpop;
using Passport.Core.Tokens;
using Xunit;

namespace Passport.Stack.Tests.Codes;

/// <summary>
/// Issue 14, "one catalogue": every stable code string of every component means one thing. A code may be shared only
/// where one catalogue is built from another (the refusal catalogue wraps Core's token and proof errors, with Core's
/// text); any other code string found in two catalogues, or twice in one with different meaning, is a defect.
/// </summary>
public sealed class CodeMeaningTests
{
    private sealed record Definition(string Catalogue, string Member, string Code, string Meaning);

    /// <summary>String constants of a (possibly internal) static class, read by reflection: no InternalsVisibleTo needed.</summary>
    private static IEnumerable<Definition> Constants(Assembly assembly, string typeName)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        return type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => new Definition(type.Name, f.Name, (string)f.GetRawConstantValue()!, type.Name + "." + f.Name));
    }

    private static IEnumerable<Definition> CoreErrors() =>
    [
        .. Enum.GetValues<TokenErrorCode>().Select(e => new Definition(nameof(TokenErrors), e.ToString(), TokenErrors.Code(e), TokenErrors.Describe(e))),
        .. Enum.GetValues<DpopErrorCode>().Select(e => new Definition(nameof(DpopErrors), e.ToString(), DpopErrors.Code(e), DpopErrors.Describe(e))),
    ];

    private static IEnumerable<Definition> Refusals() =>
        RefusalCatalog.All.Select(r => new Definition(nameof(RefusalCatalog), r.Code, r.Code, $"{r.Status} {r.Error} {(r.Scope is null ? r.Detail : "scope")}"));

    /// <summary>Catalogues that only name codes (no text of their own): each code must be theirs alone.</summary>
    private static IEnumerable<Definition> NamedOnly()
    {
        var server = typeof(Passport.Server.PassportServer).Assembly;
        return
        [
            .. Constants(typeof(Passport.Core.Errors.PassportErrorCodes).Assembly, "Passport.Core.Errors.PassportErrorCodes"),
            .. Constants(server, "Passport.Server.Problems.ProblemCodes"),
            .. Constants(server, "Passport.Server.Approvals.ApprovalProblemCodes"),
            .. Constants(typeof(Passport.Agent.AgentErrorCodes).Assembly, "Passport.Agent.AgentErrorCodes"),
            .. Constants(typeof(Passes.PassesErrorCodes).Assembly, "Passes.PassesErrorCodes"),
        ];
    }

    [Fact]
    public void The_catalogues_are_found()
    {
        Assert.Contains(NamedOnly(), d => d.Catalogue == "ProblemCodes");
        Assert.Contains(NamedOnly(), d => d.Catalogue == "PassesErrorCodes");
        Assert.Contains(NamedOnly(), d => d.Catalogue == "AgentErrorCodes");
        Assert.NotEmpty(Refusals());
    }

    [Fact]
    public void A_refusal_code_has_one_status_error_and_text()
    {
        var conflicts = Refusals().GroupBy(d => d.Code).Where(g => g.Select(d => d.Meaning).Distinct().Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(" | ", g.Select(d => d.Meaning).Distinct())}").ToList();
        Assert.True(conflicts.Count == 0, "Codes with two meanings in the refusal catalogue:\n" + string.Join("\n", conflicts));
    }

    [Fact]
    public void A_refusal_of_a_Core_error_carries_Core_text()
    {
        var core = CoreErrors().ToDictionary(d => d.Code, d => d.Meaning);
        var drift = RefusalCatalog.All.Where(r => core.TryGetValue(r.Code, out var text) && text != r.Detail)
            .Select(r => $"{r.Code}: '{r.Detail}' vs Core '{core[r.Code]}'").ToList();
        Assert.True(drift.Count == 0, "Refusals that redefine a Core error:\n" + string.Join("\n", drift));
    }

    [Fact]
    public void No_code_string_is_defined_in_two_catalogues()
    {
        // Core's errors and the refusal catalogue are one family (checked above); every other catalogue owns its codes.
        var family = CoreErrors().Concat(Refusals()).Select(d => d.Code).ToHashSet();
        var named = NamedOnly().ToList();
        var clashes = named.Where(d => family.Contains(d.Code)).Select(d => $"{d.Meaning} = '{d.Code}' is also a refusal / Core error")
            .Concat(named.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => $"'{g.Key}': {string.Join(", ", g.Select(d => d.Meaning))}"))
            .ToList();
        Assert.True(clashes.Count == 0, "Code strings with two definitions:\n" + string.Join("\n", clashes));
    }
}
