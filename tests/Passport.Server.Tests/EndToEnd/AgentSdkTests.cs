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
}
