using System.Text.Json;
using Passport.Testing.Node;

namespace Passport.Testing.Tests;

public sealed class NodeModulesTests
{
    [Fact]
    public async Task The_pinned_interop_packages_install_and_load_as_ES_modules()
    {
        var result = (await NodeModules.RunScriptAsync("versions.mjs")).EnsureSuccess();

        var json = result.Output.Split('\n').Last(l => l.StartsWith('{'));
        var versions = JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(NodeModules.Directory, "package-lock.json")));
        var packages = lockFile.RootElement.GetProperty("packages");
        foreach (var name in new[] { "oidc-provider", "oauth4webapi", "openid-client", "jose" })
        {
            Assert.Equal(packages.GetProperty("node_modules/" + name).GetProperty("version").GetString(), versions[name]);
        }
    }
}
