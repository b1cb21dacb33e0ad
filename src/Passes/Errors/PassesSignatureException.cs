namespace Passes;

/// <summary>
/// Thrown when a signed result is well formed but its signature does not verify, or it was signed by an
/// unexpected key. Derives from <see cref="PassesFormatException"/> so one catch handles every Passes failure.
/// </summary>
public sealed class PassesSignatureException : PassesFormatException
{
    /// <summary>Creates a signature failure with a stable code.</summary>
    /// <param name="code"><see cref="PassesErrorCodes.InvalidSignature"/> or <see cref="PassesErrorCodes.SignerMismatch"/>.</param>
    /// <param name="message">A description for logs.</param>
    public PassesSignatureException(string code, string message)
        : base(code, message)
    {
    }
}
