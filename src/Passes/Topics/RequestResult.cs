namespace Passes;

/// <summary>A typed result: the status, and the decoded body when accepted or the message on exception.</summary>
/// <typeparam name="T">The result body type.</typeparam>
public sealed record RequestResult<T>
{
    private RequestResult(ResultStatus status, T? body, string? message)
    {
        Status = status;
        Body = body;
        Message = message;
    }

    /// <summary>The result status.</summary>
    public ResultStatus Status { get; }

    /// <summary>The decoded body when <see cref="Status"/> is <see cref="ResultStatus.Accepted"/>; default otherwise.</summary>
    public T? Body { get; }

    /// <summary>The message when <see cref="Status"/> is <see cref="ResultStatus.Exception"/>; null otherwise.</summary>
    public string? Message { get; }

    /// <summary>Whether the user accepted the request.</summary>
    public bool IsAccepted => Status == ResultStatus.Accepted;

    /// <summary>An accepted result.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The result.</returns>
    public static RequestResult<T> Accepted(T body) => new(ResultStatus.Accepted, body, null);

    /// <summary>A rejected result.</summary>
    /// <returns>The result.</returns>
    public static RequestResult<T> Rejected() => new(ResultStatus.Rejected, default, null);

    /// <summary>An unsupported-topic result.</summary>
    /// <returns>The result.</returns>
    public static RequestResult<T> Unsupported() => new(ResultStatus.Unsupported, default, null);

    /// <summary>An exception result.</summary>
    /// <param name="message">The message; may be empty.</param>
    /// <returns>The result.</returns>
    public static RequestResult<T> Exception(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(ResultStatus.Exception, default, message);
    }
}
