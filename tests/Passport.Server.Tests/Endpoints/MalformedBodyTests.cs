using System.Net.Http.Headers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>
/// Every JSON body the IdP reads, fed bytes that are not well-formed text (lone surrogates, invalid or overlong UTF-8,
/// truncated sequences), the wrong JSON types, deep nesting and huge numbers, over real HTTP: always a 400 problem with
/// a stable code, never a 5xx. Authenticated endpoints get a valid token and proof so that the body is reached.
/// </summary>
public sealed class MalformedBodyTests(MalformedBodyTests.Fixture fixture) : IClassFixture<MalformedBodyTests.Fixture>
{
    /// <summary>A running IdP and one logged-in agent for the endpoints behind DPoP authentication.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ServerHost Host { get; private set; } = null!;
        public TestAgent Agent { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Host = await ServerHost.StartAsync();
            Agent = new TestAgent(Host);
            await Agent.RegisterAndLoginAsync();
        }

        public async Task DisposeAsync()
        {
            Agent.Dispose();
            await Host.DisposeAsync();
        }
    }

    /// <summary>(path, the string field it reads first, whether it needs the agent's token and proof).</summary>
    private static readonly (string Path, string Field, bool Authenticated)[] Endpoints =
    [
        ("/auth/register", "did", false),
        ("/auth/challenge", "did", false),
        ("/auth/token", "did", false),
        ("/auth/claim", "token", false),
        ("/auth/owner/request", "handle", false),
        ("/auth/owner/approve", "token", false),
        ("/auth/owner/reject", "token", false),
        ("/owner/passes/request", "token", false),
        ("/owner/passes/complete", "token", false),
        ("/api/delegations", "actor", true),
        ("/auth/token/exchange", "principal", true),
    ];

    public static TheoryData<string> Paths() => new(Endpoints.Select(e => e.Path));

    /// <summary>Strings that are not well-formed: as JSON escapes, and as raw bytes inside a JSON string.</summary>
    private static readonly (string Name, byte[] Bytes)[] IllFormedStrings =
    [
        ("escaped high surrogate", "\\ud800"u8.ToArray()),
        ("escaped low surrogate", "\\udc00"u8.ToArray()),
        ("escaped surrogates reversed", "\\udc00\\ud800"u8.ToArray()),
        ("escaped high surrogate then text", "\\ud800abc"u8.ToArray()),
        ("raw surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
        ("invalid byte 0xFF", [0xFF]),
        ("invalid byte 0xFE", [0x61, 0xFE, 0x62]),
        ("overlong NUL", [0xC0, 0x80]),
        ("overlong slash", [0xE0, 0x80, 0xAF]),
        ("truncated 3-byte sequence", [0xE2, 0x82]),
        ("truncated 4-byte sequence", [0xF0, 0x9F, 0x98]),
        ("lone continuation byte", [0x80]),
        ("code point above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ];

    /// <summary>Where the ill-formed string sits: the field the endpoint reads, a member it ignores, a member name.</summary>
    private static readonly (string Name, Func<string, byte[], byte[]> Body)[] Placements =
    [
        ("read field", (field, bad) => Concat($"{{\"{field}\":\"", bad, "\"}")),
        ("ignored member", (field, bad) => Concat($"{{\"{field}\":\"x\",\"note\":[\"", bad, "\"]}")),
        ("member name", (field, bad) => Concat("{\"", bad, $"\":1,\"{field}\":\"x\"}}")),
    ];

    public static TheoryData<string, string, string> IllFormedRows()
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var (path, _, _) in Endpoints)
        {
            foreach (var (name, _) in IllFormedStrings)
            {
                foreach (var (placement, _) in Placements)
                {
                    rows.Add(path, name, placement);
                }
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(IllFormedRows))]
    public async Task Ill_formed_strings_are_400_malformed_json(string path, string stringName, string placementName)
    {
        var field = Endpoints.Single(e => e.Path == path).Field;
        var bad = IllFormedStrings.Single(s => s.Name == stringName).Bytes;
        var body = Placements.Single(p => p.Name == placementName).Body(field, bad);
        await Problem.AssertAsync(await PostAsync(path, body), 400, "request.malformed_json");
    }

    /// <summary>Bodies that are JSON but not the shape the endpoint reads: (body for field f, expected code).</summary>
    private static readonly (string Name, Func<string, string> Body, string Code)[] WrongShapes =
    [
        ("number for a string", f => $"{{\"{f}\":42}}", "request.invalid_field"),
        ("huge number for a string", f => $"{{\"{f}\":1e999999}}", "request.invalid_field"),
        ("huge integer for a string", f => $"{{\"{f}\":{new string('9', 5000)}}}", "request.invalid_field"),
        ("object for a string", f => $"{{\"{f}\":{{\"a\":1}}}}", "request.invalid_field"),
        ("array for a string", f => $"{{\"{f}\":[\"x\"]}}", "request.invalid_field"),
        ("boolean for a string", f => $"{{\"{f}\":true}}", "request.invalid_field"),
        ("empty string", f => $"{{\"{f}\":\"\"}}", "request.missing_field"),
        ("null", f => $"{{\"{f}\":null}}", "request.missing_field"),
        ("deep nesting", f => $"{{\"{f}\":" + new string('[', 200) + new string(']', 200) + "}", "request.malformed_json"),
        ("deep nesting of objects", f => string.Concat(Enumerable.Repeat("{\"a\":", 50)) + "1" + new string('}', 50), "request.malformed_json"),
        ("top-level string", _ => "\"x\"", "request.malformed_json"),
        ("top-level number", _ => "1e999999", "request.malformed_json"),
        ("truncated", f => $"{{\"{f}\":\"x", "request.malformed_json"),
        ("trailing garbage", f => $"{{\"{f}\":\"x\"}}}}", "request.malformed_json"),
        ("empty body", _ => "", "request.malformed_json"),
        ("byte order mark only", _ => "\uFEFF", "request.malformed_json"),
        ("NUL byte", f => $"{{\"{f}\":\"a\0b\"}}", "request.malformed_json"),
    ];

    public static TheoryData<string, string> WrongShapeRows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var (path, _, _) in Endpoints)
        {
            foreach (var (name, _, _) in WrongShapes)
            {
                rows.Add(path, name);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(WrongShapeRows))]
    public async Task Wrong_shapes_are_400_with_their_code(string path, string shapeName)
    {
        var field = Endpoints.Single(e => e.Path == path).Field;
        var (_, body, code) = WrongShapes.Single(s => s.Name == shapeName);
        await Problem.AssertAsync(await PostAsync(path, Encoding.UTF8.GetBytes(body(field))), 400, code);
    }

    // /auth/token takes form bodies: they are the OAuth client_credentials grant (docs/oauth.md), refused with OAuth codes.
    [Theory]
    [MemberData(nameof(JsonOnlyPaths))]
    public async Task Form_bodies_are_415(string path) =>
        await Problem.AssertAsync(await PostAsync(path, Encoding.UTF8.GetBytes("did=%ED%A0%80&token=%FF"), "application/x-www-form-urlencoded"),
            415, "request.unsupported_media_type");

    public static TheoryData<string> JsonOnlyPaths() => new(Endpoints.Select(e => e.Path).Where(p => p != "/auth/token"));

    [Fact]
    public async Task An_ill_formed_form_body_at_the_token_endpoint_is_an_oauth_400() =>
        await Problem.AssertAsync(await PostAsync("/auth/token", Encoding.UTF8.GetBytes("did=%ED%A0%80&token=%FF"), "application/x-www-form-urlencoded"),
            400, "oauth.invalid_request");

    [Theory]
    [InlineData("/api/registry?limit=%FF")]
    [InlineData("/api/registry?cursor=%ED%A0%80")]
    [InlineData("/api/registry?limit=99999999999999999999999")]
    [InlineData("/api/revocations?since=%C0%80")]
    [InlineData("/claim?token=%ED%A0%80")]
    [InlineData("/owner/approve?token=%FF%FE")]
    public async Task Ill_formed_query_values_are_never_5xx(string pathAndQuery)
    {
        using var response = await fixture.Host.Client.GetAsync(pathAndQuery);
        Assert.True((int)response.StatusCode < 500, $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Property(MaxTest = 40)]
    public void Arbitrary_bytes_are_a_4xx_problem_on_every_endpoint(byte[] bytes) =>
        Task.WhenAll(Endpoints.Select(e => AssertRefusedAsync(e.Path, bytes))).GetAwaiter().GetResult();

    [Property(MaxTest = 40)]
    public void Arbitrary_strings_in_every_field_are_never_5xx(NonNull<string> text)
    {
        // JsonStringify.Quote escapes lone surrogates as \udxxx, as JavaScript would send them.
        var quoted = Passes.JsonStringify.Quote(text.Get);
        Task.WhenAll(Endpoints.Select(e => AssertRefusedAsync(e.Path, Encoding.UTF8.GetBytes($"{{\"{e.Field}\":{quoted}}}")))).GetAwaiter().GetResult();
    }

    [Property(MaxTest = 40)]
    public void Arbitrary_bytes_inside_a_json_string_are_never_5xx(byte[] bytes) =>
        Task.WhenAll(Endpoints.Select(e => AssertRefusedAsync(e.Path, Concat($"{{\"{e.Field}\":\"", bytes, "\"}")))).GetAwaiter().GetResult();

    private async Task AssertRefusedAsync(string path, byte[] body)
    {
        using var response = await PostAsync(path, body);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{path} answered {status} for {Convert.ToBase64String(body)}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task<HttpResponseMessage> PostAsync(string path, byte[] body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (Endpoints.Single(e => e.Path == path).Authenticated)
        {
            var agent = fixture.Agent;
            request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", agent.Token);
            request.Headers.Add("DPoP", agent.Proofs.Create("POST", fixture.Host.Issuer + path, agent.Token));
        }
        return fixture.Host.Client.SendAsync(request);
    }

    private static byte[] Concat(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];
}
