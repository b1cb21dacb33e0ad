using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Resources;

/// <summary>
/// Per-route protected resources (issue 16 §2–3, RFC 9728 §3.1, RFC 8707): the path-inserted metadata documents, the
/// challenge a first-challenge-only (MCP-style) client reads, and the audience each route accepts.
/// </summary>
public sealed class RouteResourceTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private readonly TestAgent _agent = new();

    private string Url(string path) => stack.Gateway.BaseUrl + path;

    private async Task<HttpResponseMessage> GetAsync(string path, string? aud)
    {
        var token = aud is null ? null : _agent.Token(stack.Issuer, aud);
        return await stack.Gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, Url(path), token, token is null ? null : _agent.Proofs.Create("GET", Url(path), token)));
    }

    /// <summary>What the MCP SDKs do: take the first challenge only, and read its auth-params.</summary>
    private static Dictionary<string, string> FirstChallenge(HttpResponseMessage response, out string scheme)
    {
        var first = response.Headers.WwwAuthenticate.First().ToString();
        scheme = first.Split(' ')[0];
        return Regex.Matches(first, "([a-z_]+)=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Fact]
    public async Task A_first_challenge_Bearer_parser_finds_the_routes_metadata_and_scope()
    {
        using var response = await GetAsync("/orders", aud: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var first = FirstChallenge(response, out var scheme);
        Assert.Equal("Bearer", scheme);
        Assert.Equal(Url("/.well-known/oauth-protected-resource/orders"), first["resource_metadata"]);
        Assert.Equal("read:orders", first["scope"]);
        Assert.False(first.ContainsKey("error"));
        var dpop = response.Headers.WwwAuthenticate.ElementAt(1);
        Assert.Equal("DPoP", dpop.Scheme);
        Assert.Contains("algs=\"EdDSA Ed25519\"", dpop.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catch_all_route_is_the_origin_and_its_metadata_stays_at_the_root()
    {
        using var response = await GetAsync("/things", aud: null);
        Assert.Equal(Url("/.well-known/oauth-protected-resource"), FirstChallenge(response, out _)["resource_metadata"]);
        Assert.False(FirstChallenge(response, out _).ContainsKey("scope"));
    }

    [Theory]
    [InlineData("/orders", "/orders")]
    [InlineData("/claimed", "/claimed")]
    [InlineData("/admin/", "/admin")]
    public async Task Each_resource_has_its_document_at_the_path_inserted_well_known_url(string path, string resourcePath)
    {
        using var response = await stack.Gateway.Client.GetAsync(Url("/.well-known/oauth-protected-resource" + path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Url(resourcePath), document.GetProperty("resource").GetString());
        Assert.Equal(stack.Issuer.BaseUrl, document.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(["EdDSA", "Ed25519", "ES256"], document.GetProperty("dpop_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/open")]
    [InlineData("/orders/extra")]
    public async Task A_path_that_is_no_resource_is_404_resource_unknown(string path)
    {
        using var response = await stack.Gateway.Client.GetAsync(Url("/.well-known/oauth-protected-resource" + path));
        var refused = await Refused.ReadAsync(response);
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal("resource.unknown", refused.Code);
        Assert.Equal("application/problem+json", refused.ContentType);
    }

    [Fact]
    public async Task A_token_for_the_routes_resource_is_accepted_there()
    {
        using var response = await GetAsync("/claimed/x", aud: Url("/claimed"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_token_for_one_routes_resource_is_refused_at_another_route()
    {
        using var response = await GetAsync("/self-only/x", aud: Url("/claimed"));
        (await Refused.ReadAsync(response)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_audience");
    }

    [Fact]
    public async Task The_origin_audience_stays_accepted_on_every_route()
    {
        using var response = await GetAsync("/claimed/x", aud: stack.Audience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("evil")]         // https://127.0.0.1:port + "evil": not on a path boundary
    [InlineData(".evil.test")]
    [InlineData("/claimed#x")]
    [InlineData("/claimed/")]    // not the resource's identifier: resources have no trailing '/'
    public async Task Look_alike_audiences_are_refused(string suffix)
    {
        using var response = await GetAsync("/claimed/x", aud: stack.Audience + suffix);
        (await Refused.ReadAsync(response)).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_audience");
    }
}
