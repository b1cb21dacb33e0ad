using Passport.Agent;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.EndToEnd;

/// <summary>The agent SDK (Passport.Agent, written independently from seeds/004) against the real server.</summary>
public sealed class AgentSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    [Fact]
    public async Task Sdk_registers_claims_gets_a_token_calls_me_and_is_refused_after_revoke()
    {
        using var http = new HttpClient();
        var client = new PassportClient(http, AgentIdentity.Generate("Sdk Agent"));
        await client.DiscoverIssuerAsync(new Uri(Host.Issuer));
        var email = OwnerMailbox.NewEmail();
        var registered = await client.RegisterAsync(email, "Sdk Agent");
        await client.ClaimAsync(OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email)));
        await client.GetTokenAsync();
        var me = await client.MeAsync();
        Assert.Equal(registered.Handle, me.Handle);
        Assert.Equal("CLAIMED", me.Status);

        await client.RequestOwnerActionAsync(registered.Handle, "revoke");
        await client.ApproveOwnerActionAsync(OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email)));
        var refused = await Assert.ThrowsAsync<PassportApiException>(() => client.MeAsync());
        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task Sdk_gets_a_token_with_client_credentials_and_private_key_jwt_and_uses_it()
    {
        using var http = new HttpClient();
        var client = new PassportClient(http, AgentIdentity.Generate("Cc Agent"), new PassportClientOptions { TokenGrant = PassportTokenGrant.ClientCredentials });
        await client.DiscoverIssuerAsync(new Uri(Host.Issuer));
        var registered = await client.RegisterAsync(OwnerMailbox.NewEmail(), "Cc Agent");

        // GetTokenAsync follows TokenGrant, so MeAsync (and any DpopHandler refresh) uses the OAuth grant.
        var me = await client.MeAsync();
        Assert.Equal(registered.Handle, me.Handle);

        var forResource = await client.GetTokenByClientCredentialsAsync("https://api.example.com/mcp");
        Assert.Equal("https://api.example.com/mcp", forResource.Audience);
        Assert.Equal("DPoP", forResource.TokenType);

        var refused = await Assert.ThrowsAsync<PassportApiException>(() => client.GetTokenByClientCredentialsAsync("https://evil.example.com"));
        Assert.Equal(400, refused.Status);
        Assert.Equal("invalid_target", refused.Code);
    }

    [Fact]
    public async Task Sdk_client_credentials_for_an_unregistered_did_is_invalid_client()
    {
        using var http = new HttpClient();
        var client = new PassportClient(http, AgentIdentity.Generate("Stranger"));
        await client.DiscoverIssuerAsync(new Uri(Host.Issuer));
        var refused = await Assert.ThrowsAsync<PassportApiException>(() => client.GetTokenByClientCredentialsAsync());
        Assert.Equal(401, refused.Status);
        Assert.Equal("invalid_client", refused.Code);
    }
}
