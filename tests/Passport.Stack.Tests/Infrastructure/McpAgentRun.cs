namespace Passport.Stack.Tests.Infrastructure;

/// <summary>samples/McpAgent as run.sh builds it, run with an agent's <c>PASSPORT_HOME</c>.</summary>
public static class McpAgentRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The built agent.</summary>
    public static string Dll => TestPaths.InRepo("samples/McpAgent/bin/Release/net10.0/McpAgent.dll");

    /// <summary>Runs <c>McpAgent endpoint [more]</c> as the agent whose state folder is <paramref name="home"/>.</summary>
    public static Task<ProcessResult> RunAsync(string home, string endpoint, params string[] more) =>
        ProcessRunner.RunAsync(
            Executables.Dotnet(),
            [Dll, endpoint, .. more],
            workingDirectory: TestPaths.RepoRoot,
            environment: new Dictionary<string, string?> { ["PASSPORT_HOME"] = home },
            timeout: Timeout);
}
