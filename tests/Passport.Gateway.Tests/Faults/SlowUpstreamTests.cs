using System.Net;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Faults;

/// <summary>
/// "Thread-pool starvation": 200 concurrent requests to an upstream that answers after 2 s. While they are in flight the
/// gateway still answers <c>/healthz</c> and refuses bad requests (status only; no timing is asserted), and every slow
/// request ends in 200: proxying awaits, it blocks no thread.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SlowUpstreamTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    [Fact]
    public async Task With_200_slow_upstream_requests_in_flight_the_gateway_answers_healthz_and_refusals()
    {
        stack.Upstream.SlowDelay = TimeSpan.FromSeconds(2);
        var agent = new TestAgent();
        var token = agent.Token(stack.Issuer, stack.Audience);
        using var client = new HttpClient { BaseAddress = new Uri(stack.Gateway.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var slow = Enumerable.Range(0, 200).Select(async i =>
        {
            var url = stack.Gateway.BaseUrl + "/slow/" + i;
            using var response = await client.SendAsync(TestAgent.Request(HttpMethod.Get, url, token, agent.Proof(HttpMethod.Get, url)));
            return response.StatusCode;
        }).ToArray();

        using (var health = await stack.Gateway.Client.GetAsync("/healthz")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var noCredentials = await stack.Gateway.Client.GetAsync("/slow/refused"))
        {
            (await Refused.ReadAsync(noCredentials)).AssertIs(HttpStatusCode.Unauthorized, null, "credentials.missing");
        }
        using (var noProof = await stack.Gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, stack.Gateway.BaseUrl + "/things", token, null)))
        {
            (await Refused.ReadAsync(noProof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.missing");
        }

        Assert.All(await Task.WhenAll(slow), status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
