using System.Text.Json;

namespace Passport.Stack.Tests.Infrastructure;

/// <summary>
/// The story of run.sh's demo, driven step by step through the <c>passport</c> CLI against a running stack, asserting
/// every outcome: an agent gets a Passport and calls the legacy API through the gateway, then the MCP server's tools
/// with the official MCP client; a replayed proof, a token without a proof, an overstepped delegation and a revoked
/// identity are refused.
/// </summary>
public sealed class DemoStory(StackPorts ports, string agentsDirectory)
{
    private readonly PassportCli _alice = new("alice", Path.Combine(agentsDirectory, "alice"));
    private readonly PassportCli _bob = new("bob", Path.Combine(agentsDirectory, "bob"));

    private string Idp => ports.IdpUrl;

    private string Orders => ports.GatewayUrl + "/orders";

    private string Headers => ports.GatewayUrl + "/headers";

    /// <summary>Runs the story; <paramref name="withDelegation"/> adds the second agent and its delegation.</summary>
    public async Task RunAsync(bool withDelegation)
    {
        // 1. keygen
        var keygen = await _alice.OkAsync("keygen", "--name", "Research Agent");
        var did = keygen.String("did");
        var jkt = keygen.String("jkt");
        Assert.StartsWith("did:key:z6Mk", did);
        Assert.False(string.IsNullOrEmpty(jkt), keygen.ToString());

        // 2. register with an owner email
        var registered = await _alice.OkAsync("register", "--issuer", Idp, "--owner-email", "owner@example.com", "--name", "Research Agent");
        var handle = registered.String("handle");
        Assert.False(string.IsNullOrEmpty(handle), registered.ToString());
        Assert.Equal(did, registered.String("did"));
        Assert.Equal("UNCLAIMED", registered.String("status"));

        // 3. the owner claims it through the dev outbox
        var claimed = await _alice.OkAsync("claim", "--from-outbox", "--issuer", Idp);
        Assert.Equal(handle, claimed.String("handle"));
        Assert.Equal("CLAIMED", claimed.String("status"));

        // 4. login: the audience is discovered from the gateway's 401 + RFC 9728 metadata
        var login = await _alice.OkAsync("login", "--resource", Orders);
        // Each route is its own RFC 8707 resource; `call` fetches a token for /headers by itself when it needs one.
        Assert.Equal(Orders, login.String("audience"));

        // 5. GET /orders through the gateway, and the identity headers the legacy API received
        var (ordersStatus, orders) = await _alice.CallAsync("GET", Orders);
        Assert.True(ordersStatus == 200, orders.ToString());
        var (headersStatus, echo) = await _alice.CallAsync("GET", Headers, "--header", "X-Passport-Handle: spoofed-by-the-client");
        Assert.True(headersStatus == 200, echo.ToString());
        var received = UpstreamHeaders(echo);
        Assert.Equal(handle, Header(received, "X-Passport-Handle"));
        Assert.Equal(did, Header(received, "X-Passport-Sub"));
        Assert.Equal("CLAIMED", Header(received, "X-Passport-Status"));
        Assert.Equal(jkt, Header(received, "X-Passport-Jkt"));
        Assert.Null(Header(received, "Authorization"));
        Assert.Null(Header(received, "DPoP"));

        // 6. the same proof again is refused
        var replay = await _alice.RunAsync("call", "GET", Orders, "--replay");
        Assert.True(replay.Int("status") == 200, replay.ToString());
        Assert.True(replay.Int("replayStatus") == 401, replay.ToString());
        Assert.True(replay.ExitCode == 0, replay.ToString());

        // 6b. the MCP server's tools through the gateway with the official MCP client and DpopHandler; refused without a proof
        var mcp = await McpAgentRun.RunAsync(_alice.Home, ports.McpThroughGateway);
        Assert.True(mcp.ExitCode == 0, mcp.Output);
        Assert.Contains("tools: get_order, list_orders, place_order, whoami", mcp.Output);
        Assert.Contains($"\"X-Passport-Handle\":\"{handle}\"", mcp.Output);
        Assert.Contains("place_order →", mcp.Output);
        Assert.Contains("\"item\":\"green tea\"", mcp.Output);
        var withoutProof = await McpAgentRun.RunAsync(_alice.Home, ports.McpThroughGateway, "--without-proof");
        Assert.True(withoutProof.ExitCode == 0, withoutProof.Output);
        Assert.Contains("HTTP 401", withoutProof.Output);

        string? bobHandle = null;
        if (withDelegation)
        {
            // 7. a second agent gets read:orders from the first: allowed on GET /orders, refused on POST /orders
            await _bob.OkAsync("keygen", "--name", "Helper Agent");
            bobHandle = (await _bob.OkAsync("register", "--issuer", Idp)).String("handle");
            Assert.False(string.IsNullOrEmpty(bobHandle));
            await _bob.OkAsync("login", "--resource", Orders);
            var grant = await _alice.OkAsync("grant", bobHandle!, "--scope", "read:orders");
            Assert.Equal(bobHandle, grant.String("actor"));
            var delegation = await _bob.OkAsync("delegate", "--principal", handle!, "--scope", "read:orders", "--resource", Orders);
            Assert.Equal(handle, delegation.String("principal"));

            var (delegatedStatus, delegated) = await _bob.CallAsync("GET", Orders);
            Assert.True(delegatedStatus == 200, delegated.ToString());
            // A delegation token is for one resource (route) too: bob exchanges again for /headers.
            await _bob.OkAsync("delegate", "--principal", handle!, "--scope", "read:orders", "--resource", Headers);
            var (_, bobEcho) = await _bob.CallAsync("GET", Headers);
            var bobReceived = UpstreamHeaders(bobEcho);
            Assert.Equal(handle, Header(bobReceived, "X-Passport-Handle"));
            Assert.Equal(bobHandle, Header(bobReceived, "X-Passport-Actor-Handle"));
            Assert.Contains("read:orders", Header(bobReceived, "X-Passport-Scope") ?? "");

            var (writeStatus, write) = await _bob.CallAsync("POST", Orders, "--data", """{"item":"tea","quantity":1}""");
            Assert.True(writeStatus == 403, write.ToString());
            Assert.True(write.ExitCode == 1, write.ToString());
        }

        // 8. the owner revokes the first agent; the gateway learns of it (feed polling or Redis) and refuses its calls
        var revoked = await _alice.OkAsync("revoke", "--from-outbox");
        Assert.Equal("REVOKED", revoked.String("status"));
        var (afterRevoke, last) = await PollUntilAsync(_alice, 403);
        Assert.True(afterRevoke == 403, $"the revoked agent was not refused: {last}");
        if (withDelegation)
        {
            var (actingStatus, acting) = await _bob.CallAsync("GET", Orders);
            Assert.True(actingStatus == 403, $"{bobHandle} acting for the revoked agent was not refused: {acting}");
        }
    }

    /// <summary>Calls GET /orders until the status is <paramref name="wanted"/>: at least 3 tries, then up to about 5 s.</summary>
    private async Task<(int Status, CliResult Result)> PollUntilAsync(PassportCli agent, int wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        for (var attempt = 1; ; attempt++)
        {
            var (status, result) = await agent.CallAsync("GET", Orders);
            if (status == wanted || (attempt >= 3 && DateTime.UtcNow > deadline))
            {
                return (status, result);
            }

            await Task.Delay(300);
        }
    }

    private static JsonElement UpstreamHeaders(CliResult echo) =>
        PassportCli.Member(echo.Object, "body") is { ValueKind: JsonValueKind.Object } body
            ? body
            : throw new InvalidOperationException($"GET /headers did not return a JSON object: {echo}");

    private static string? Header(JsonElement headers, string name) =>
        PassportCli.Member(headers, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
