using System.Diagnostics;

namespace Passport.Stack.Tests.Infrastructure;

/// <summary>What the run.sh tests check around a running stack: what it started, and that stopping it leaves nothing.</summary>
public static class StackLifecycle
{
    /// <summary>How long run.sh may take to build (a no-op after <see cref="StackBuild"/>) and start on a busy machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long the stack may take to stop after SIGTERM.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Waits until run.sh's output contains <paramref name="text"/>.</summary>
    public static async Task WaitForOutputAsync(RunSh stack, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!stack.Output.Contains(text, StringComparison.Ordinal))
        {
            if (stack.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"run.sh did not print '{text}' (exited: {stack.HasExited}); output:\n{stack.Output}\n{stack.Logs()}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The processes of the running stack: the listeners on its ports and every process holding a file in its data
    /// folder (run.sh sends each one's output to a log there). Asserts that each port has a listener.
    /// </summary>
    public static HashSet<int> StartedProcesses(RunSh stack, params int[] ports)
    {
        var pids = new HashSet<int>();
        foreach (var port in ports)
        {
            var listeners = StackProcesses.ListeningOn(port);
            Assert.True(listeners.Count > 0, $"nothing listens on port {port}; run.sh output:\n{stack.Output}");
            pids.UnionWith(listeners);
        }

        pids.UnionWith(StackProcesses.WithFilesUnder(stack.DataDirectory));
        pids.Remove(stack.Id);
        pids.Remove(Environment.ProcessId);
        return pids;
    }

    /// <summary>
    /// Waits (bounded) until run.sh has exited, none of <paramref name="started"/> is alive, no port of
    /// <paramref name="ports"/> listens and no process holds a file in the data folder; then asserts each of those.
    /// </summary>
    public static async Task AssertNothingLeftAsync(RunSh stack, IReadOnlyCollection<int> started, params int[] ports)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && !AllGone(stack, started, ports))
        {
            await Task.Delay(250);
        }

        Assert.True(stack.HasExited, $"run.sh (PID {stack.Id}) is still running");
        var alive = started.Where(ProcessIds.IsAlive).ToList();
        Assert.True(alive.Count == 0, $"processes started by run.sh are still alive:\n{StackProcesses.Describe(alive)}\nrun.sh output:\n{stack.Output}");
        foreach (var port in ports)
        {
            Assert.False(StackProcesses.IsListening(port), $"port {port} still has a listener after run.sh stopped");
        }

        var holding = StackProcesses.WithFilesUnder(stack.DataDirectory);
        Assert.True(holding.Count == 0, $"processes still hold files in {stack.DataDirectory}:\n{StackProcesses.Describe(holding)}");
    }

    /// <summary>Kills, by id, any of <paramref name="pids"/> still alive (clean-up after a failed test).</summary>
    public static void KillLeftovers(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Where(ProcessIds.IsAlive))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private static bool AllGone(RunSh stack, IReadOnlyCollection<int> started, int[] ports) =>
        stack.HasExited
        && !started.Any(ProcessIds.IsAlive)
        && !ports.Any(StackProcesses.IsListening)
        && StackProcesses.WithFilesUnder(stack.DataDirectory).Count == 0;
}
