namespace Passport.Testing.Tests;

public class ProcessHostTests
{
    [Fact]
    public async Task Runs_a_built_dotnet_app_until_it_answers_and_kills_it_by_pid()
    {
        var port = FreePort.Get();
        var host = ProcessHost.StartDotnet(TestPaths.ProjectDll("samples/LegacyApi"), ["--urls", $"http://127.0.0.1:{port}"]);
        await using (host)
        {
            await host.WaitForHttpAsync($"http://127.0.0.1:{port}/healthz");
            Assert.False(host.HasExited);
            Assert.Contains("Now listening on", host.Output, StringComparison.Ordinal);
        }

        Assert.True(host.HasExited);
        Assert.False(ProcessIds.IsAlive(host.Id));
    }

    [Fact]
    public async Task Captures_output_and_environment_and_kills_the_whole_tree()
    {
        var host = ProcessHost.Start("/bin/sh", ["-c", "echo \"hello $GREETING\"; echo oops >&2; sleep 60 & echo child=$!; wait"],
            new Dictionary<string, string?> { ["GREETING"] = "world" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(host.Output.Contains("hello world", StringComparison.Ordinal) && host.Output.Contains("oops", StringComparison.Ordinal)
                 && host.Output.Contains("child=", StringComparison.Ordinal))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Contains("hello world", host.Output, StringComparison.Ordinal);
        Assert.Contains("oops", host.Output, StringComparison.Ordinal);
        var child = int.Parse(host.Output.Split("child=")[1].Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessIds.IsAlive(child));
        await host.DisposeAsync();
        Assert.True(host.HasExited);
        for (var i = 0; i < 100 && ProcessIds.IsAlive(child); i++)
        {
            await Task.Delay(50); // SIGKILL reached the grandchild; give the kernel a moment to end it.
        }

        Assert.False(ProcessIds.IsAlive(child));
    }

    [Fact]
    public async Task WaitForHttp_reports_an_early_exit_with_the_output()
    {
        await using var host = ProcessHost.Start("/bin/sh", ["-c", "echo cannot start; exit 3"]);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(
            () => host.WaitForHttpAsync($"http://127.0.0.1:{FreePort.Get()}/healthz"));
        Assert.Contains("cannot start", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.ExitCode);
    }

    [Fact]
    public async Task ProcessRunner_returns_exit_code_and_output()
    {
        var result = await ProcessRunner.RunAsync("/bin/sh", ["-c", "echo out; echo err >&2; exit 2"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("out", result.Output, StringComparison.Ordinal);
        Assert.Contains("err", result.Output, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
    }
}
