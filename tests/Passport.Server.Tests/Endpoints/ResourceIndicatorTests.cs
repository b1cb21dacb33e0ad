using System.Text;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>
/// RFC 8707 at <c>/auth/token</c>: <c>resource</c> or <c>aud</c> at or below a <c>Passport:Audiences</c> entry
/// (https://api.example.com in the fixture) at a path boundary becomes the token's <c>aud</c> as requested; every other
/// shape is 400 <c>invalid_target</c>.
/// </summary>
public sealed class ResourceIndicatorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    [Theory]
    [InlineData("resource", "https://api.example.com/mcp")]
    [InlineData("resource", "https://api.example.com/mcp/tools")]
    [InlineData("aud", "https://api.example.com/orders")]
    [InlineData("resource", "https://api.example.com")]
    public async Task A_resource_at_or_below_an_allowed_prefix_is_the_token_aud(string field, string resource)
    {
        var claims = await TokenClaimsAsync(new Dictionary<string, object?> { [field] = resource });
        Assert.Equal(resource, claims.GetProperty("aud").GetString());
    }

    [Fact]
    public async Task Resource_as_an_array_of_one_and_aud_agreeing_with_it_are_accepted()
    {
        var claims = await TokenClaimsAsync(new Dictionary<string, object?> { ["resource"] = new[] { "https://api.example.com/mcp" } });
        Assert.Equal("https://api.example.com/mcp", claims.GetProperty("aud").GetString());
        claims = await TokenClaimsAsync(new Dictionary<string, object?> { ["resource"] = "https://api.example.com/mcp", ["aud"] = "https://api.example.com/mcp" });
        Assert.Equal("https://api.example.com/mcp", claims.GetProperty("aud").GetString());
    }

    public static TheoryData<string, object?> Refused => new()
    {
        { "resource", "https://api.example.com.evil.example/mcp" },
        { "resource", "https://api.example.comx/mcp" },
        { "resource", "https://api.example.com/mcp?x=1" },
        { "resource", "https://api.example.com/mcp#frag" },
        { "resource", "https://user@api.example.com/mcp" },
        { "resource", "http://api.example.com/mcp" },
        { "resource", "/mcp" },
        { "resource", "urn:example:mcp" },
        { "resource", "" },
        { "resource", 42 },
        { "resource", new object[] { "https://api.example.com/mcp", 1 } },
        { "resource", Array.Empty<string>() },
        { "resource", new[] { "https://api.example.com/a", "https://api.example.com/b" } },
        { "aud", "https://evil.example.com/mcp" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Every_other_resource_is_invalid_target(string field, object? value)
    {
        var response = await RequestAsync(new Dictionary<string, object?> { [field] = value });
        var problem = await Problem.JsonAsync(response, 400);
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { "invalid_target", "request.invalid_field" });
    }

    [Fact]
    public async Task Aud_and_resource_naming_different_resources_are_invalid_target() =>
        await Problem.AssertAsync(await RequestAsync(new Dictionary<string, object?>
        {
            ["resource"] = "https://api.example.com/mcp", ["aud"] = "https://api.example.com/orders",
        }), 400, "invalid_target");

    [Fact]
    public async Task An_over_long_resource_is_refused_not_500() =>
        Assert.Equal(400, (int)(await RequestAsync(new Dictionary<string, object?> { ["resource"] = "https://api.example.com/" + new string('a', 5000) })).StatusCode);

    private async Task<HttpResponseMessage> RequestAsync(IReadOnlyDictionary<string, object?> fields)
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        return await agent.RequestTokenWithAsync(nonce, fields);
    }

    private async Task<JsonElement> TokenClaimsAsync(IReadOnlyDictionary<string, object?> fields)
    {
        var body = await Problem.JsonAsync(await RequestAsync(fields));
        var payload = body.GetProperty("token").GetString()!.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload += new string('=', (4 - payload.Length % 4) % 4);
        return JsonSerializer.Deserialize<JsonElement>(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
    }
}
