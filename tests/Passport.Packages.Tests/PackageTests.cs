using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Passport.Testing;

namespace Passport.Packages.Tests;

/// <summary>
/// The packages as a .NET team meets them (issue 15 §2): fresh apps made with <c>dotnet new</c> that reference only the
/// temporary feed — an API protected by <c>AddPassport</c>, a YARP host with <c>AddPassportGateway</c> — called by a
/// fresh agent on the SDK against the real IdP; the CLI installed as a .NET tool; and each package's metadata.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    [Fact]
    public void Every_package_has_readme_licence_repository_commit_xml_docs_and_symbols()
    {
        feed.EnsurePacked();
        foreach (var id in PackageFeed.PackageIds)
        {
            Assert.True(File.Exists(feed.Package(id, "snupkg")), $"{id}: no symbol package");
            using var zip = ZipFile.OpenRead(feed.Package(id));
            var nuspec = XDocument.Load(zip.GetEntry(id + ".nuspec")!.Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            Assert.NotNull(zip.GetEntry("README.md"));
            Assert.False(string.IsNullOrWhiteSpace(Value("description")), $"{id}: no description");
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
            if (id == "Passport.Cli")
            {
                Assert.Contains(zip.Entries, e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name == "passport.dll");
                Assert.Equal("DotnetTool", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
            }
            else
            {
                Assert.NotNull(zip.GetEntry($"lib/net10.0/{id}.dll"));
                Assert.NotNull(zip.GetEntry($"lib/net10.0/{id}.xml"));
            }
        }
    }

    [Fact]
    public async Task A_fresh_web_app_protected_by_AddPassport_accepts_the_fresh_agent_with_a_proof_and_refuses_it_without()
    {
        feed.EnsurePacked();
        var api = await FreshApp.CreateAsync(feed, "web", "FreshApi", "Api.cs.txt", "Passport.AspNetCore");
        var agent = await FreshApp.CreateAsync(feed, "console", "FreshAgent", "Agent.cs.txt", "Passport.Agent");
        var apiUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var (idp, idpUrl) = await StartIdpAsync(apiUrl);
        await using var idpProcess = idp;
        await using var apiProcess = ProcessHost.StartDotnet(api.Dll, ["--urls", apiUrl, "--Issuer", idpUrl, "--Origin", apiUrl]);
        await apiProcess.WaitForHttpAsync(apiUrl + "/healthz");

        var output = await RunAgentAsync(agent, idpUrl, apiUrl + "/whoami", apiUrl);

        var did = Line(output, "did ").Substring("did ".Length);
        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith($"with-proof 200 sub={did}", StringComparison.Ordinal)));
        var without = Line(output, "without-proof ");
        Assert.StartsWith("without-proof 401", without, StringComparison.Ordinal);
        Assert.Contains("DPoP", without, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fresh_YARP_host_with_AddPassportGateway_forwards_the_fresh_agent_and_refuses_it_without_a_proof()
    {
        feed.EnsurePacked();
        var gateway = await FreshApp.CreateAsync(feed, "web", "FreshGateway", "Gateway.cs.txt", "Passport.Gateway");
        var agent = await FreshApp.CreateAsync(feed, "console", "FreshAgent2", "Agent.cs.txt", "Passport.Agent");
        var gatewayUrl = $"http://127.0.0.1:{FreePort.Get()}";
        var (idp, idpUrl) = await StartIdpAsync(gatewayUrl);
        await using var idpProcess = idp;
        // The upstream is the IdP itself: /up/.well-known/jwks.json is an anonymous document there.
        await using var gatewayProcess = ProcessHost.StartDotnet(gateway.Dll, ["--urls", gatewayUrl], new Dictionary<string, string?>
        {
            ["Passport__Issuer"] = idpUrl,
            ["Passport__Audiences__0"] = gatewayUrl,
            ["Passport__PublicOrigin"] = gatewayUrl,
            ["ReverseProxy__Routes__up__ClusterId"] = "idp",
            ["ReverseProxy__Routes__up__Match__Path"] = "/up/{**rest}",
            ["ReverseProxy__Routes__up__Transforms__0__PathRemovePrefix"] = "/up",
            ["ReverseProxy__Clusters__idp__Destinations__d1__Address"] = idpUrl + "/",
        });
        await gatewayProcess.WaitForHttpAsync(gatewayUrl + "/readyz");

        var output = await RunAgentAsync(agent, idpUrl, gatewayUrl + "/up/.well-known/jwks.json", gatewayUrl);

        Assert.Equal(2, output.Split('\n').Count(l => l.StartsWith("with-proof 200 {\"keys\"", StringComparison.Ordinal)));
        Assert.StartsWith("without-proof 401", Line(output, "without-proof "), StringComparison.Ordinal);
        using var http = new HttpClient();
        using var metadata = await http.GetAsync(gatewayUrl + "/.well-known/oauth-protected-resource");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
    }

    [Fact]
    public async Task The_cli_installs_as_a_dotnet_tool_and_runs()
    {
        feed.EnsurePacked();
        var tools = Path.Combine(feed.Root, "tools");
        var home = Path.Combine(feed.Root, "passport-home");
        (await ProcessRunner.RunAsync(Executables.Dotnet(),
            ["tool", "install", "Passport.Cli", "--version", feed.Version, "--tool-path", tools, "--add-source", feed.Feed],
            feed.Root, timeout: TimeSpan.FromMinutes(5))).EnsureSuccess();
        var passport = Path.Combine(tools, "passport");

        var version = (await ProcessRunner.RunAsync(passport, ["--version"], feed.Root)).EnsureSuccess();
        Assert.Contains(feed.Version, version.Output, StringComparison.Ordinal);

        var keygen = (await ProcessRunner.RunAsync(passport, ["keygen"], feed.Root, new Dictionary<string, string?> { ["PASSPORT_HOME"] = home })).EnsureSuccess();
        Assert.Contains("did:key:z6Mk", keygen.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(home, "identity.json")));
    }

    /// <summary>The real IdP from its build output, in Development with the dev outbox, accepting <paramref name="audience"/>.</summary>
    private async Task<(ProcessHost Process, string Url)> StartIdpAsync(string audience)
    {
        var url = $"http://127.0.0.1:{FreePort.Get()}";
        var data = Path.Combine(feed.Root, "idp-" + Guid.NewGuid().ToString("N"));
        var idp = ProcessHost.StartDotnet(TestPaths.ProjectDll("src/Passport.Server"), ["--urls", url], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Passport__Issuer"] = url,
            ["Passport__Audiences__0"] = audience,
            ["Passport__DataDirectory"] = data,
            ["Passport__DevOutbox"] = "true",
        });
        try
        {
            await idp.WaitForHttpAsync(url + "/.well-known/jwks.json");
            return (idp, url);
        }
        catch
        {
            await idp.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> RunAgentAsync(FreshApp agent, string issuer, string target, string audience)
    {
        var result = await ProcessRunner.RunAsync(Executables.Dotnet(), [agent.Dll, issuer, target, audience], agent.Directory, timeout: TimeSpan.FromMinutes(2));
        return result.EnsureSuccess().Output.Replace("\r", "", StringComparison.Ordinal);
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No line starting with '{prefix}' in:\n{output}");
}
