namespace Passport.AspNetCore.Refusals;

/// <summary>
/// The one form of RFC 9457 problem <c>type</c> used by every Passport component (gateway, IdP, in-app APIs):
/// <c>urn:passport:problem:&lt;code&gt;</c>, so that the type and the stable <c>code</c> member always agree.
/// </summary>
public static class ProblemType
{
    /// <summary>The prefix of every problem type.</summary>
    public const string Prefix = "urn:passport:problem:";

    /// <summary>The problem type of <paramref name="code"/>.</summary>
    public static string For(string code) => Prefix + code;
}
