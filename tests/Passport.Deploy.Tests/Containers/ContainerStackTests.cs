using System.Text.Json;
using Passport.Testing;
using Xunit.Abstractions;

namespace Passport.Deploy.Tests.Containers;

/// <summary>
/// The demo story (samples/stack/demo.sh) through the images: IdP, gateway and LegacyApi as containers run the way
/// the manifests run them (uid 10001, read-only root with a tmpfs /tmp, no capabilities, no-new-privileges), on the
/// host network bound to 127.0.0.1, with a redis-server on loopback for the gateway's replay and revocation stores;
/// driven by the passport CLI. Containers are removed by their own id.
/// </summary>
[Collection(ContainerCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ContainerStackTests(ContainerImages images, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly List<string> _containers = [];
    private readonly string _home = Directory.CreateTempSubdirectory("passport-cli-").FullName;
    private RedisServer? _redis;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var id in _containers)
        {
            var logs = await images.Podman.RunAsync(["logs", "--tail", "40", id]);
            output.WriteLine($"--- container {id[..12]} (last lines)\n{logs.Output}");
            await images.Podman.RunAsync(["rm", "-f", "-t", "5", id]);
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        TempDirectory.TryDelete(_home);
    }

    [ContainerFact]
    public async Task Demo_story_through_the_containerised_gateway()
    {
        _redis = await RedisServer.StartAsync();
        int idpPort = FreePort.Get(), gatewayPort = FreePort.Get(), apiPort = FreePort.Get();
        var idp = $"http://127.0.0.1:{idpPort}";
        var gateway = $"http://127.0.0.1:{gatewayPort}";
        var api = $"http://127.0.0.1:{apiPort}";

        await StartAsync(images.LegacyApi.Image, api,
            ["ASPNETCORE_ENVIRONMENT=Development"]);
        await StartAsync(images.Server.Image, idp,
        [
            "ASPNETCORE_ENVIRONMENT=Development", $"Passport__Issuer={idp}", $"Passport__Audiences__0={gateway}",
            "Passport__DataDirectory=/tmp/passport-data", "Passport__DevOutbox=true",
            $"Passport__Redis__Configuration={_redis.ConnectionString}",
        ]);
        await StartAsync(images.Gateway.Image, gateway,
        [
            $"Passport__Issuer={idp}", $"Passport__PublicOrigin={gateway}",
            $"ReverseProxy__Clusters__legacy__Destinations__legacy-api__Address={api}",
            "Passport__Replay__Store=Redis", "Passport__Revocation__Source=Redis",
            $"Passport__Redis__Configuration={_redis.ConnectionString}",
        ]);

        await CliAsync("keygen", "--name", "Container Agent");
        var registered = await CliJsonAsync("register", "--issuer", idp, "--owner-email", "owner@example.com", "--name", "Container Agent");
        var handle = registered.GetProperty("handle").GetString();
        Assert.False(string.IsNullOrEmpty(handle));
        await CliAsync("claim", "--from-outbox", "--issuer", idp);
        await CliAsync("login", "--resource", $"{gateway}/orders");

        var orders = await CliJsonAsync("call", "GET", $"{gateway}/orders");
        Assert.Equal(200, orders.GetProperty("status").GetInt32());

        var headers = await CliJsonAsync("call", "GET", $"{gateway}/headers");
        Assert.Equal(200, headers.GetProperty("status").GetInt32());
        var received = headers.GetProperty("body").EnumerateObject()
            .Where(p => p.Name.StartsWith("x-passport-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value.GetString());
        output.WriteLine("identity headers at the upstream: " + string.Join(", ", received.Select(p => $"{p.Key}: {p.Value}")));
        Assert.NotEmpty(received);
        Assert.Contains(handle, received.Values);
        Assert.DoesNotContain(headers.GetProperty("body").EnumerateObject(), p => p.Name.Equals("DPoP", StringComparison.OrdinalIgnoreCase));

        var replay = await CliJsonAsync("call", "GET", $"{gateway}/orders", "--replay");
        Assert.Equal(200, replay.GetProperty("status").GetInt32());
        Assert.Equal(401, replay.GetProperty("replayStatus").GetInt32());

        await CliAsync("revoke", "--from-outbox");
        var status = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        do
        {
            var after = await CliJsonAsync("call", "GET", $"{gateway}/orders");
            status = after.GetProperty("status").GetInt32();
            if (status == 403)
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(403, status);
    }

    private async Task StartAsync(string image, string url, string[] environment)
    {
        var run = await images.Podman.RunAsync(
        [
            "run", "-d", "--pull=never", "--network=host",
            "--read-only", "--tmpfs", "/tmp:rw,size=64m,mode=1777", "--cap-drop=ALL", "--security-opt", "no-new-privileges",
            "-e", $"ASPNETCORE_URLS={url}",
            .. environment.SelectMany(e => new[] { "-e", e }),
            image,
        ]);
        Assert.True(run.ExitCode == 0, $"podman run {image} failed:\n{run.Output}");
        var id = run.Output.Trim().Split('\n')[^1].Trim();
        _containers.Add(id);

        var user = await images.Podman.RunOkAsync("inspect", "--format", "{{.Config.User}}", id);
        Assert.Equal("10001:10001", user);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync($"{url}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            var state = await images.Podman.RunOkAsync("inspect", "--format", "{{.State.Status}}", id);
            if (state != "running" || DateTime.UtcNow > deadline)
            {
                var logs = await images.Podman.RunAsync(["logs", id]);
                Assert.Fail($"{image} at {url} is {state}, not healthy within {StartTimeout.TotalSeconds} s:\n{logs.Output}");
            }

            await Task.Delay(200);
        }
    }

    private async Task<string> CliAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Executables.Dotnet(),
            [TestPaths.ProjectDll("src/Passport.Cli", "passport"), .. arguments],
            environment: new Dictionary<string, string?> { ["PASSPORT_HOME"] = Path.Combine(_home, "agent") },
            timeout: TimeSpan.FromMinutes(1));
        output.WriteLine($"$ passport {string.Join(' ', arguments)} → {result.ExitCode}\n{result.Output.TrimEnd()}");
        return result.Output;
    }

    private async Task<JsonElement> CliJsonAsync(params string[] arguments)
    {
        var text = await CliAsync([.. arguments, "--json"]);
        var line = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"passport {string.Join(' ', arguments)} printed no JSON:\n{text}");
        return JsonDocument.Parse(line).RootElement.Clone();
    }
}
