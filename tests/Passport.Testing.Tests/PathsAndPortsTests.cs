using System.Net;
using System.Net.Sockets;

namespace Passport.Testing.Tests;

public class PathsAndPortsTests
{
    [Fact]
    public void FreePort_is_bindable_on_loopback()
    {
        var port = FreePort.Get();
        Assert.InRange(port, 1, 65535);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        listener.Stop();
    }

    [Fact]
    public void RepoRoot_holds_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(TestPaths.RepoRoot, TestPaths.SolutionFileName)));
    }

    [Fact]
    public void ProjectDll_finds_the_built_sample_and_explains_a_missing_one()
    {
        var dll = TestPaths.ProjectDll("samples/LegacyApi");
        Assert.True(File.Exists(dll));
        Assert.Contains(Path.Combine("bin", TestPaths.Configuration, TestPaths.TargetFramework), dll, StringComparison.Ordinal);

        var e = Assert.Throws<FileNotFoundException>(() => TestPaths.ProjectDll("samples/NoSuchProject"));
        Assert.Contains("dotnet build", e.Message, StringComparison.Ordinal);
    }
}
