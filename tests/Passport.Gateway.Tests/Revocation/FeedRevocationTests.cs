using System.Net;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Revocation;

/// <summary>Revocation from the IdP's feed (<c>/api/revocations</c>) while traffic runs.</summary>
public sealed class FeedRevocationTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private async Task<Refused> RefusedAfterEventAsync(TestAgent agent, string token, HttpStatusCode expected, Action publish, string path = "/things")
    {
        using (var before = await agent.SendAsync(stack.Gateway, HttpMethod.Get, path, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }
        publish();
        var status = await Poll.UntilStatusAsync(() => agent.SendAsync(stack.Gateway, HttpMethod.Get, path, token), expected);
        Assert.Equal(expected, status);
        using var response = await agent.SendAsync(stack.Gateway, HttpMethod.Get, path, token);
        return await Refused.ReadAsync(response);
    }

    [Fact]
    public async Task Revoked_record_is_403()
    {
        var agent = new TestAgent();
        var refused = await RefusedAfterEventAsync(agent, agent.Token(stack.Issuer, stack.Audience), HttpStatusCode.Forbidden,
            () => stack.Issuer.AddEvent("record_revoked", did: agent.Did));
        refused.AssertIs(HttpStatusCode.Forbidden, "invalid_token", "passport.revoked");
    }

    [Fact]
    public async Task Rotated_did_is_401()
    {
        var agent = new TestAgent();
        var refused = await RefusedAfterEventAsync(agent, agent.Token(stack.Issuer, stack.Audience), HttpStatusCode.Unauthorized,
            () => stack.Issuer.AddEvent("did_rotated", did: agent.Did, newDid: new TestAgent().Did));
        refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "passport.rotated");
    }

    [Fact]
    public async Task Revoked_grant_is_403_for_its_delegation_tokens_only()
    {
        var actor = new TestAgent();
        var principal = new TestAgent();
        var grant = Guid.NewGuid().ToString("N");
        var delegation = actor.DelegationToken(stack.Issuer, stack.Audience, principal, ["read:orders"], grant);
        var refused = await RefusedAfterEventAsync(actor, delegation, HttpStatusCode.Forbidden,
            () => stack.Issuer.AddEvent("grant_revoked", grantId: grant), "/orders");
        refused.AssertIs(HttpStatusCode.Forbidden, "invalid_token", "grant.revoked");

        using var own = await actor.SendAsync(stack.Gateway, HttpMethod.Get, "/things", actor.Token(stack.Issuer, stack.Audience));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Revoked_actor_cannot_use_a_delegation_token()
    {
        var actor = new TestAgent();
        var principal = new TestAgent();
        var delegation = actor.DelegationToken(stack.Issuer, stack.Audience, principal, ["read:orders"]);
        var refused = await RefusedAfterEventAsync(actor, delegation, HttpStatusCode.Forbidden,
            () => stack.Issuer.AddEvent("record_revoked", did: actor.Did), "/orders");
        refused.AssertIs(HttpStatusCode.Forbidden, "invalid_token", "passport.revoked");
    }

    [Fact]
    public async Task Other_agents_are_unaffected_by_a_revocation()
    {
        var revoked = new TestAgent();
        stack.Issuer.AddEvent("record_revoked", did: revoked.Did);
        var status = await Poll.UntilStatusAsync(() => revoked.SendAsync(stack.Gateway, HttpMethod.Get, "/things", revoked.Token(stack.Issuer, stack.Audience)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var other = new TestAgent();
        using var response = await other.SendAsync(stack.Gateway, HttpMethod.Get, "/things", other.Token(stack.Issuer, stack.Audience));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
