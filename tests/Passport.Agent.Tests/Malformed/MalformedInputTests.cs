using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Passport.Testing;

namespace Passport.Agent.Tests.Malformed;

/// <summary>
/// Whatever bytes a server or a file holds, the SDK's readers raise only <see cref="PassportAgentException"/> with a
/// stable code: ill-formed strings (lone surrogates escaped or raw, invalid or overlong UTF-8, truncated sequences),
/// a bogus charset, wrong JSON types, deep nesting, huge numbers. Responses come through a real HttpClient pipeline
/// whose transport answers with the given bytes.
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "passport-agent-malformed", Guid.NewGuid().ToString("N"));

    public void Dispose() => TempDirectory.TryDelete(_directory);

    private static readonly (string Name, byte[] Bytes)[] IllFormedStrings =
    [
        ("escaped high surrogate", "\\ud800"u8.ToArray()),
        ("escaped low surrogate", "\\udc00"u8.ToArray()),
        ("raw surrogate (CESU-8)", [0xED, 0xA0, 0x80]),
        ("invalid byte 0xFF", [0xFF]),
        ("overlong NUL", [0xC0, 0x80]),
        ("truncated 3-byte sequence", [0xE2, 0x82]),
    ];

    /// <summary>Ill-formed strings in a value, in an ignored member, and as a member name.</summary>
    public static TheoryData<string> IllFormedBodies()
    {
        var rows = new TheoryData<string>();
        foreach (var (_, bytes) in IllFormedStrings)
        {
            rows.Add(Convert.ToBase64String(Wrap("{\"code\":\"", bytes, "\",\"issuer\":\"https://idp.example\"}")));
            rows.Add(Convert.ToBase64String(Wrap("{\"issuer\":\"https://idp.example\",\"x\":[\"", bytes, "\"]}")));
            rows.Add(Convert.ToBase64String(Wrap("{\"", bytes, "\":1,\"issuer\":\"https://idp.example\"}")));
        }
        return rows;
    }

    /// <summary>JSON of the wrong shape: wrong types, huge numbers, deep nesting, truncation, nothing.</summary>
    private static readonly string[] WrongShapes =
    [
        "{\"issuer\":42,\"did\":42}",
        "{\"issuer\":1e999999,\"did\":99999999999999999999999999999}",
        "[" + new string('[', 200) + new string(']', 200) + "]",
        string.Concat(Enumerable.Repeat("{\"a\":", 80)) + "1" + new string('}', 80),
        "\"just a string\"",
        "{\"issuer\":\"x\",\"did\":[\"x\"]}",
        "{\"issuer\":\"x\"",
        "",
        "\uFEFF",
    ];

    [Theory]
    [MemberData(nameof(IllFormedBodies))]
    public async Task Problem_bodies_with_ill_formed_strings_fall_back_to_the_status_code(string base64)
    {
        var error = await ProblemFrom(Convert.FromBase64String(base64), "application/problem+json");
        Assert.Equal("http.400", error.Code);
    }

    [Theory]
    [MemberData(nameof(IllFormedBodies))]
    public async Task Response_bodies_with_ill_formed_strings_are_response_invalid(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        Assert.Equal(AgentErrorCodes.ResponseInvalid, (await ReadFails<JsonElement>(bytes)).Code);
        Assert.Equal(AgentErrorCodes.ResponseInvalid, (await ReadFails<AgentInfo>(bytes)).Code);
    }

    [Theory]
    [MemberData(nameof(WrongShapesBase64))]
    public async Task Response_bodies_of_the_wrong_shape_are_response_invalid(string base64) =>
        Assert.Equal(AgentErrorCodes.ResponseInvalid, (await ReadFails<AgentInfo>(Convert.FromBase64String(base64))).Code);

    public static TheoryData<string> WrongShapesBase64() => new(WrongShapes.Select(shape => Convert.ToBase64String(Encoding.UTF8.GetBytes(shape))));

    [Theory]
    [MemberData(nameof(IllFormedBodies))]
    [MemberData(nameof(WrongShapesBase64))]
    public async Task Discovery_documents_that_are_not_the_contract_are_discovery_failed(string base64)
    {
        var client = new PassportClient(new HttpClient(new Answer(HttpStatusCode.OK, Convert.FromBase64String(base64), "application/json")));
        var error = await Assert.ThrowsAsync<PassportAgentException>(() => client.DiscoverIssuerAsync(new Uri("https://idp.example")));
        Assert.Contains(error.Code, new[] { AgentErrorCodes.DiscoveryFailed, AgentErrorCodes.DiscoveryIssuerMismatch });
    }

    [Theory]
    [InlineData("{\"id\":1e999999}")]
    [InlineData("{\"id\":-1e400}")]
    [InlineData("{\"id\":99999999999999999999999999999999999999999}")]
    [InlineData("{\"id\":\"\\ud800\"}")]
    [InlineData("{\"id\":{\"a\":1}}")]
    [InlineData("{\"id\":[1]}")]
    public async Task Ids_read_as_string_or_number_refuse_what_is_neither(string body) =>
        Assert.Equal(AgentErrorCodes.ResponseInvalid, (await ReadFails<DelegationGrant>(Encoding.UTF8.GetBytes(body))).Code);

    [Theory]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=\"")]
    [InlineData("application/problem+json; charset=utf-7")]
    public async Task A_bogus_charset_is_ignored_json_is_utf8(string contentType)
    {
        Assert.Equal(AgentErrorCodes.ResponseInvalid, (await ReadFails<AgentInfo>("{\"did\":\"\\ud800\"}"u8.ToArray(), contentType)).Code);
        var error = await ProblemFrom("{\"code\":\"request.malformed_json\"}"u8.ToArray(), contentType);
        Assert.Equal("request.malformed_json", error.Code);
        var client = new PassportClient(new HttpClient(new Answer(HttpStatusCode.OK, "{\"issuer\":\"https://other.example\"}"u8.ToArray(), contentType)));
        Assert.Equal(AgentErrorCodes.DiscoveryIssuerMismatch,
            (await Assert.ThrowsAsync<PassportAgentException>(() => client.DiscoverIssuerAsync(new Uri("https://idp.example")))).Code);
    }

    [Theory]
    [MemberData(nameof(IllFormedBodies))]
    [MemberData(nameof(WrongShapesBase64))]
    public void Identity_files_that_are_not_the_shape_are_identity_malformed(string base64)
    {
        var store = WriteIdentity(Convert.FromBase64String(base64));
        Assert.Equal(AgentErrorCodes.IdentityMalformed, Assert.Throws<PassportAgentException>(() => store.Load()).Code);
    }

    [Fact]
    public void Identity_file_with_an_ill_formed_private_jwk_member_is_identity_malformed()
    {
        foreach (var (name, bytes) in IllFormedStrings)
        {
            var store = WriteIdentity(Wrap("{\"version\":1,\"privateJwk\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"", bytes, "\",\"x\":\"AA\"}}"));
            var error = Assert.Throws<PassportAgentException>(() => store.Load());
            Assert.True(error.Code == AgentErrorCodes.IdentityMalformed, name);
        }
    }

    [Property(MaxTest = 200)]
    public void Arbitrary_response_bytes_raise_only_the_typed_errors(byte[] bytes)
    {
        AssertTyped(() => ProblemFrom(bytes, "application/problem+json").GetAwaiter().GetResult());
        AssertTyped(() => Read<AgentInfo>(bytes).GetAwaiter().GetResult());
        var client = new PassportClient(new HttpClient(new Answer(HttpStatusCode.OK, bytes, "application/json")));
        AssertTyped(() => client.DiscoverIssuerAsync(new Uri("https://idp.example")).GetAwaiter().GetResult());
    }

    [Property(MaxTest = 200)]
    public void Arbitrary_strings_in_json_members_raise_only_the_typed_errors(NonNull<string> text)
    {
        var quoted = Quote(text.Get);
        var bytes = Encoding.UTF8.GetBytes("{\"code\":" + quoted + ",\"issuer\":" + quoted + "," + quoted + ":" + quoted + "}");
        AssertTyped(() => ProblemFrom(bytes, "application/problem+json").GetAwaiter().GetResult());
        AssertTyped(() => Read<AgentInfo>(bytes).GetAwaiter().GetResult());
        AssertTyped(() => WriteIdentity(bytes).Load());
    }

    [Property(MaxTest = 300)]
    public void Any_www_authenticate_value_parses_without_throwing(NonNull<string> header) =>
        _ = WwwAuthenticateChallenge.Parse(header.Get);

    // JSON-quotes a .NET string, escaping lone surrogates as \udxxx, as a JavaScript server would send them.
    private static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\' || c < 0x20 || char.IsSurrogate(c)) builder.Append($"\\u{(int)c:x4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    private static void AssertTyped(Action action)
    {
        try
        {
            action();
        }
        catch (PassportAgentException)
        {
        }
    }

    private IdentityStore WriteIdentity(byte[] content)
    {
        var directory = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        var store = new IdentityStore(directory);
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllBytes(store.IdentityPath, content);
        File.SetUnixFileMode(store.IdentityPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return store;
    }

    private static async Task<PassportApiException> ProblemFrom(byte[] body, string contentType)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = Content(body, contentType) };
        return await ProblemResponse.ToExceptionAsync(response, default);
    }

    private static Task<PassportAgentException> ReadFails<T>(byte[] body, string contentType = "application/json") =>
        Assert.ThrowsAnyAsync<PassportAgentException>(() => Read<T>(body, contentType));

    private static async Task<T> Read<T>(byte[] body, string contentType = "application/json")
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = Content(body, contentType), RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://idp.example/x") };
        return await PassportClient.ReadAsync<T>(response, default);
    }

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static byte[] Wrap(string before, byte[] middle, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)];

    /// <summary>The transport under a real HttpClient: answers every request with the given status and bytes.</summary>
    private sealed class Answer(HttpStatusCode status, byte[] body, string contentType) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = Content(body, contentType), RequestMessage = request });
    }
}
