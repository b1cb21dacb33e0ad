using System.Net;
using System.Net.Http.Json;
using Passport.Gateway.Forwarding;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Forwarding;

/// <summary>
/// Identity headers spoofed through name variants (<c>X_Passport_Sub</c>, <c>x-passport_sub</c>, …) that folding upstreams
/// read as the real ones never reach the upstream, on any kind of route; the gateway's own values are the only ones left.
/// </summary>
public sealed class SpoofedHeaderVariantTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private readonly TestAgent _agent = new();

    [Theory]
    [InlineData("X-Passport-Sub")]
    [InlineData("x-passport-sub")]
    [InlineData("X_PASSPORT_SUB")]
    [InlineData("x_passport-sub")]
    [InlineData("X-Passport_Actor_Handle")]
    [InlineData("X.Passport.Jkt")]
    [InlineData("x~passport+scope")]
    [InlineData("X-PASSPORT-")]
    [InlineData("X-Passport-Anything-Else")]
    public void Covers_every_spelling_a_folding_upstream_reads_under_the_prefix(string name) =>
        Assert.True(IdentityHeaderVariants.Names.Covers(name));

    [Theory]
    [InlineData("")]
    [InlineData("X-Passport")]
    [InlineData("X-PassportSub")]
    [InlineData("X-Passports-Sub")]
    [InlineData("XPassport-Sub")]
    [InlineData("Y-Passport-Sub")]
    [InlineData("X-Pasport-Sub")]
    [InlineData("Authorization")]
    [InlineData("X-Forwarded-For")]
    public void Does_not_cover_other_headers(string name) => Assert.False(IdentityHeaderVariants.Names.Covers(name));

    [Theory]
    [InlineData("X-Agent-", "x_agent_sub", true)]
    [InlineData("X-Agent-", "X.AGENT-Jkt", true)]
    [InlineData("X-Agent-", "X-Passport-Sub", false)]
    [InlineData("Passport_", "PASSPORT-SUB", true)]
    public void Covers_a_configured_prefix_the_same_way(string prefix, string name, bool covered) =>
        Assert.Equal(covered, new IdentityHeaderNames(prefix).Covers(name));

    public static TheoryData<string, string> NamesAndRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in IdentityHeaderVariants.All)
        {
            foreach (var route in new[] { "/things", "/open/page", "/creds/x", "/orders" }) data.Add(name, route);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NamesAndRoutes))]
    public async Task Spoofed_variants_of_an_identity_header_never_reach_the_upstream(string name, string path)
    {
        var anonymous = path.StartsWith("/open/", StringComparison.Ordinal);
        var url = stack.Gateway.BaseUrl + path;
        var token = _agent.DelegationToken(stack.Issuer, stack.Audience, new TestAgent(), ["read:orders"]);
        using var request = anonymous
            ? new HttpRequestMessage(HttpMethod.Get, url)
            : TestAgent.Request(HttpMethod.Get, url, token, _agent.Proof(HttpMethod.Get, url));
        var variants = IdentityHeaderVariants.Of(name).ToList();
        foreach (var variant in variants) request.Headers.TryAddWithoutValidation(variant, "forged");
        Assert.Equal(variants.Count, request.Headers.Count(h => IdentityHeaderVariants.Names.Covers(h.Key)));

        using var response = await stack.Gateway.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = (await response.Content.ReadFromJsonAsync<EchoResponse>())!;
        var identity = echo.Headers.Where(h => IdentityHeaderVariants.Names.Covers(h.Key)).ToDictionary();
        if (anonymous)
        {
            Assert.Empty(identity);
            return;
        }
        Assert.DoesNotContain(identity.Values, v => v.Contains("forged", StringComparison.Ordinal));
        Assert.Equal(IdentityHeaderVariants.All.Select(n => n.ToLowerInvariant()).Order(), identity.Keys.Order());
    }

    // Names that only Unicode-aware folding maps onto the prefix (Python's str.upper: ß → SS, ſ → S), sent as raw bytes
    // (UTF-8 and Latin-1), and whitespace before the colon: Kestrel refuses them before the gateway runs.
    [Theory]
    [InlineData("X-Pa\u00DFport-Sub", "utf-8")]
    [InlineData("X-Pa\u00DFport-Sub", "latin1")]
    [InlineData("X-Pa\u017Fsport-Sub", "utf-8")]
    [InlineData("X-Passport-Sub ", "utf-8")]
    public async Task Header_names_outside_the_token_grammar_are_refused(string name, string encoding)
    {
        var uri = new Uri(stack.Gateway.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var text = System.Text.Encoding.GetEncoding(encoding);
        byte[] request = [
            .. System.Text.Encoding.ASCII.GetBytes($"GET /open/page HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n"),
            .. text.GetBytes(name),
            .. System.Text.Encoding.ASCII.GetBytes(": forged\r\n\r\n"),
        ];
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
    }
}
