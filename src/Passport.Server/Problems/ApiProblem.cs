namespace Passport.Server.Problems;

/// <summary>
/// A refusal with an HTTP status and a stable <see cref="Code"/>, written as an RFC 9457 problem+json body by
/// <see cref="ProblemMiddleware"/>. Thrown by endpoints for bad input and refused operations; never carries secrets.
/// </summary>
internal sealed class ApiProblem : Exception
{
    public ApiProblem(int status, string code, string detail, string? wwwAuthenticate = null) : base(detail)
    {
        Status = status;
        Code = code;
        WwwAuthenticate = wwwAuthenticate;
    }

    public int Status { get; }

    public string Code { get; }

    /// <summary>A <c>WWW-Authenticate</c> value to send with the problem (401/403 of protected endpoints).</summary>
    public string? WwwAuthenticate { get; }

    /// <summary>
    /// The RFC 6749 §5.2 <c>error</c> value, written as an extension member beside <c>code</c> so that stock OAuth
    /// clients of the form-encoded token endpoint read the refusal (e.g. <c>invalid_client</c>); null elsewhere.
    /// </summary>
    public string? OAuthError { get; init; }

    public static ApiProblem BadRequest(string code, string detail) => new(StatusCodes.Status400BadRequest, code, detail);

    public static ApiProblem NotFound(string code, string detail) => new(StatusCodes.Status404NotFound, code, detail);

    public static ApiProblem Conflict(string code, string detail) => new(StatusCodes.Status409Conflict, code, detail);

    public static ApiProblem Forbidden(string code, string detail) => new(StatusCodes.Status403Forbidden, code, detail);
}
