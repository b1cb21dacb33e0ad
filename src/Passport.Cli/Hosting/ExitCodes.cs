namespace Passport.Cli;

/// <summary>The <c>passport</c> exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Success (for <c>call</c>: the server answered 1xx–3xx).</summary>
    public const int Ok = 0;
    /// <summary>A Passport error: the server refused, or local state is missing or unsafe; <c>call</c> got 4xx/5xx.</summary>
    public const int Failed = 1;
    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
    /// <summary>The server could not be reached.</summary>
    public const int Network = 3;
}
