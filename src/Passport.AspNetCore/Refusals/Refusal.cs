using Microsoft.AspNetCore.Http;

namespace Passport.AspNetCore.Refusals;

/// <summary>
/// Why a request was refused: the HTTP status, the <c>WWW-Authenticate</c> <c>error</c> (RFC 6750 §3.1,
/// RFC 9449 §7.1; null when the request carried no credentials at all), a stable problem <c>code</c> and a client-safe detail.
/// Every instance comes from <see cref="RefusalCatalog"/>.
/// </summary>
/// <param name="Status">401, 403 or 503.</param>
/// <param name="Error">The <c>error</c> parameter of the challenge, or null.</param>
/// <param name="Code">The stable code of the problem body, e.g. <c>dpop.replayed</c>.</param>
/// <param name="Detail">What was wrong and what is expected; never contains a token or proof.</param>
/// <param name="Scope">For <c>insufficient_scope</c>: the scopes the resource requires.</param>
public sealed record Refusal(int Status, string? Error, string Code, string Detail, string? Scope = null)
{
    /// <summary>The <c>reason</c> tag of request metrics: the code.</summary>
    public string Reason => Code;

    /// <summary>True when the refusal is a temporary inability to check (503), not a verdict on the request.</summary>
    public bool IsUnavailable => Status == StatusCodes.Status503ServiceUnavailable;

    /// <summary>The RFC 9457 problem <c>type</c> of this refusal: <see cref="ProblemType.For"/> of <see cref="Code"/>.</summary>
    public string Type => ProblemType.For(Code);
}
