namespace Passport.Agent;

/// <summary>
/// The SDK's one error type: <see cref="Code"/> is stable and machine-readable (see <see cref="AgentErrorCodes"/>, or the
/// server's problem code for <see cref="PassportApiException"/>); the message says what was wrong and how to fix it,
/// and never contains a key, token or proof.
/// </summary>
public class PassportAgentException : Exception
{
    /// <summary>Creates the exception with a stable <paramref name="code"/>.</summary>
    public PassportAgentException(string code, string message, Exception? innerException = null)
        : base(message, innerException) => Code = code;

    /// <summary>The stable error code, e.g. <c>identity.insecure_permissions</c>.</summary>
    public string Code { get; }
}
