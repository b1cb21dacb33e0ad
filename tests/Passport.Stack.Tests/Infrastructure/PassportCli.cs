using System.Text.Json;

namespace Passport.Stack.Tests.Infrastructure;

/// <summary>One run of the <c>passport</c> CLI: exit code, combined output, and the JSON object it printed (with --json).</summary>
public sealed record CliResult(string Command, int ExitCode, string Output, JsonElement? Json)
{
    /// <summary>The JSON object, or a failure that shows the output.</summary>
    public JsonElement Object =>
        Json ?? throw new InvalidOperationException($"'{Command}' printed no JSON object (exit {ExitCode}):\n{Output}");

    /// <summary>A string member (case-insensitive name) of the JSON object.</summary>
    public string? String(string name) =>
        PassportCli.Member(Object, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>An integer member (case-insensitive name) of the JSON object.</summary>
    public int? Int(string name) =>
        PassportCli.Member(Object, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    /// <summary>For failure messages.</summary>
    public override string ToString() => $"{Command} → exit {ExitCode}\n{Output}";
}

/// <summary>
/// An agent using the built <c>passport</c> CLI (src/Passport.Cli/bin/Release, as run.sh builds it) with its own
/// <c>PASSPORT_HOME</c>, every command with <c>--json</c>.
/// </summary>
public sealed class PassportCli(string name, string home)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The agent's name, for messages.</summary>
    public string Name { get; } = name;

    /// <summary>The agent's state folder.</summary>
    public string Home { get; } = home;

    /// <summary>The CLI as run.sh builds it.</summary>
    public static string Dll => TestPaths.InRepo("src/Passport.Cli/bin/Release/net10.0/passport.dll");

    /// <summary>Runs <c>passport args --json</c>.</summary>
    public async Task<CliResult> RunAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(
            Executables.Dotnet(),
            [Dll, .. arguments, "--json"],
            workingDirectory: TestPaths.RepoRoot,
            environment: new Dictionary<string, string?> { ["PASSPORT_HOME"] = Home },
            timeout: CommandTimeout);
        var command = $"[{Name}] passport {string.Join(' ', arguments)} --json";
        return new CliResult(command, result.ExitCode, result.Output, LastJsonObject(result.Output));
    }

    /// <summary>Runs the command and requires exit code 0.</summary>
    public async Task<CliResult> OkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"expected exit 0 from {result}");
        return result;
    }

    /// <summary>Runs <c>passport call METHOD URL …</c> and returns the HTTP status it got (fails when none was printed).</summary>
    public async Task<(int Status, CliResult Result)> CallAsync(string method, string url, params string[] more)
    {
        var result = await RunAsync(["call", method, url, .. more]);
        var status = result.Int("status");
        Assert.True(status is not null, $"no HTTP status in {result}");
        return (status!.Value, result);
    }

    /// <summary>A member by case-insensitive name.</summary>
    internal static JsonElement? Member(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonElement? LastJsonObject(string output)
    {
        foreach (var line in output.Split('\n').Reverse())
        {
            var text = line.Trim();
            if (!text.StartsWith('{'))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not the JSON line; keep looking.
            }
        }

        return null;
    }
}
