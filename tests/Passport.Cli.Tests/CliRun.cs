using System.Text.Json;

namespace Passport.Cli.Tests;

/// <summary>One in-process run of <c>passport</c>: exit code, stdout, stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(string home, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--home", home], output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
