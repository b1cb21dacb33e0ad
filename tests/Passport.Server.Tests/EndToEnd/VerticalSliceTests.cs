using System.Net.Http.Json;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

public sealed class VerticalSliceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    [Fact]
    public async Task Register_claim_challenge_token_me_over_real_http()
    {
        using var agent = new TestAgent(Host);
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var registered = await Problem.JsonAsync(await agent.RegisterAsync(email), 201);
        Assert.Equal("UNCLAIMED", registered.GetProperty("status").GetString());
        Assert.Equal(agent.Did.Value, registered.GetProperty("did").GetString());

        var mail = await Host.OutboxLastAsync(email);
        var link = mail.GetProperty("links")[0].GetString()!;
        Assert.StartsWith(Host.Issuer + "/claim?token=", link);
        var claimToken = Uri.UnescapeDataString(link.Split("token=")[1]);
        var claimed = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/claim", new { token = claimToken }));
        Assert.Equal("CLAIMED", claimed.GetProperty("status").GetString());

        var token = await agent.LoginAsync();
        var me = await Problem.JsonAsync(await agent.SendAsync(HttpMethod.Get, "/me"));
        Assert.Equal(agent.Did.Value, me.GetProperty("did").GetString());
        Assert.Equal(agent.Handle, me.GetProperty("handle").GetString());
        Assert.Equal("CLAIMED", me.GetProperty("status").GetString());
        Assert.Equal("Test Agent", me.GetProperty("name").GetString());
        Assert.Contains('.', token);
    }

    [Fact]
    public async Task Me_accepts_the_bearer_scheme_as_seeds_004_shows()
    {
        using var agent = new TestAgent(Host);
        await agent.RegisterAndLoginAsync();
        var me = await Problem.JsonAsync(await agent.SendAsync(HttpMethod.Get, "/me", scheme: "Bearer"));
        Assert.Equal(agent.Handle, me.GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Discovery_documents_use_the_configured_issuer()
    {
        var metadata = await Host.Client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-authorization-server");
        Assert.Equal(Host.Issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal(Host.Issuer + "/auth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal("EdDSA", metadata.GetProperty("dpop_signing_alg_values_supported")[0].GetString());
        var jwks = await Host.Client.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("passport-v1", key.GetProperty("kid").GetString());
        Assert.Equal("OKP", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }
}
