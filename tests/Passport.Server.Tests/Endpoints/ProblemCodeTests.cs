using System.Reflection;
using Passport.AspNetCore.Refusals;
using Passport.Server.Problems;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>The IdP's own problem codes never reuse a code of the Passport scheme's refusal catalogue (one meaning per code).</summary>
public sealed class ProblemCodeTests
{
    [Fact]
    public void No_idp_problem_code_is_a_refusal_code()
    {
        var idp = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(idp);
        Assert.Equal(idp.Count, idp.Distinct().Count());
        var refusals = RefusalCatalog.All.Select(r => r.Code).ToHashSet();
        Assert.DoesNotContain(idp, refusals.Contains);
    }
}
