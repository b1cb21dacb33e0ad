namespace Passes;

/// <summary>
/// The only exception the Passes library throws for bad bytes or unencodable values.
/// Every instance carries a stable <see cref="Code"/> from <see cref="PassesErrorCodes"/>.
/// </summary>
public class PassesFormatException : FormatException
{
    /// <summary>Creates an exception with a stable code and a human-readable message.</summary>
    /// <param name="code">One of the constants in <see cref="PassesErrorCodes"/>.</param>
    /// <param name="message">A description for logs; not stable, do not parse.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public PassesFormatException(string code, string message, Exception? innerException = null)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
    }

    /// <summary>The stable error code, one of <see cref="PassesErrorCodes"/>.</summary>
    public string Code { get; }
}
