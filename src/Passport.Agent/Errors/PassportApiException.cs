namespace Passport.Agent;

/// <summary>
/// A Passport server answered with an error. RFC 9457 problem bodies map to <see cref="PassportAgentException.Code"/> (the problem's
/// <c>code</c>), <see cref="Detail"/> and <see cref="Title"/>; without one, <see cref="PassportAgentException.Code"/> is the
/// <c>WWW-Authenticate</c> <c>error</c> or <c>http.&lt;status&gt;</c>.
/// </summary>
public sealed class PassportApiException : PassportAgentException
{
    /// <summary>Creates the exception from the parts of an error response.</summary>
    public PassportApiException(int status, string code, string? title, string? detail, string? type = null, string? authenticateError = null)
        : base(code, BuildMessage(status, code, title, detail))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Type = type;
        AuthenticateError = authenticateError;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The problem <c>title</c>, when present.</summary>
    public string? Title { get; }

    /// <summary>The problem <c>detail</c>, when present.</summary>
    public string? Detail { get; }

    /// <summary>The problem <c>type</c> URI, when present.</summary>
    public string? Type { get; }

    /// <summary>The <c>error</c> parameter of the <c>WWW-Authenticate</c> challenge (RFC 6750 §3), when present.</summary>
    public string? AuthenticateError { get; }

    private static string BuildMessage(int status, string code, string? title, string? detail)
    {
        var text = detail ?? title ?? "the server refused the request";
        return $"{status} {code}: {text}";
    }
}
