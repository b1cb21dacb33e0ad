namespace Passport.Core.Errors;

/// <summary>
/// Thrown when an identifier, key or encoded value given to Passport.Core is malformed.
/// <see cref="Code"/> is a stable machine-readable code from <see cref="PassportErrorCodes"/>;
/// the message says what was wrong and what was expected, and never echoes secret input.
/// </summary>
public sealed class PassportFormatException : FormatException
{
    /// <summary>Creates the exception with a stable <paramref name="code"/> and a human-readable message.</summary>
    /// <param name="code">One of the constants of <see cref="PassportErrorCodes"/>.</param>
    /// <param name="message">What was wrong with the input and what was expected.</param>
    public PassportFormatException(string code, string message) : base(message) => Code = code;

    /// <summary>The stable error code, e.g. <c>did.invalid_prefix</c>.</summary>
    public string Code { get; }
}
