using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Keys;

namespace Passport.Server.Tests.Hosting;

/// <summary>An agent written from seeds/004 with Core primitives only: a key, its DID, and raw HTTP calls.</summary>
public sealed class TestAgent : IDisposable
{
    private readonly HttpClient _client;
    private readonly string _issuer;

    public TestAgent(ServerHost host) : this(host.Client, host.Issuer) { }

    public TestAgent(HttpClient client, string issuer)
    {
        _client = client;
        _issuer = issuer;
        Key = Ed25519KeyPair.Generate();
        Did = DidKey.FromPublicKey(Key.PublicKey);
        Proofs = new DpopProofFactory(Key);
    }

    public Ed25519KeyPair Key { get; }

    public DidKey Did { get; }

    public DpopProofFactory Proofs { get; }

    public string? Handle { get; private set; }

    public string? Token { get; set; }

    public async Task<HttpResponseMessage> RegisterAsync(string? ownerEmail = null, string? name = "Test Agent")
    {
        var response = await _client.PostAsJsonAsync("/auth/register", new { did = Did.Value, ownerEmail, name });
        if (response.IsSuccessStatusCode)
        {
            Handle = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handle").GetString();
        }
        return response;
    }

    public async Task<string> ChallengeAsync(string? did = null)
    {
        var response = await _client.PostAsJsonAsync("/auth/challenge", new { did = did ?? Did.Value });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
    }

    public string Sign(string nonce) => Convert.ToBase64String(Key.Sign(Convert.FromHexString(nonce)));

    public Task<HttpResponseMessage> RequestTokenAsync(string nonce, string? signature = null, string? aud = null, string? proof = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = JsonContent.Create(new { did = Did.Value, nonce, signature = signature ?? Sign(nonce), aud }),
        };
        request.Headers.Add("DPoP", proof ?? Proofs.Create("POST", _issuer + "/auth/token"));
        return _client.SendAsync(request);
    }

    /// <summary>A token request carrying the challenge fields plus <paramref name="fields"/> (e.g. RFC 8707 <c>resource</c>).</summary>
    public Task<HttpResponseMessage> RequestTokenWithAsync(string nonce, IReadOnlyDictionary<string, object?> fields)
    {
        var body = new Dictionary<string, object?> { ["did"] = Did.Value, ["nonce"] = nonce, ["signature"] = Sign(nonce) };
        foreach (var (name, value) in fields) body[name] = value;
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token") { Content = JsonContent.Create(body) };
        request.Headers.Add("DPoP", Proofs.Create("POST", _issuer + "/auth/token"));
        return _client.SendAsync(request);
    }

    public async Task<string> LoginAsync(string? aud = null)
    {
        var nonce = await ChallengeAsync();
        var response = await RequestTokenAsync(nonce, aud: aud);
        response.EnsureSuccessStatusCode();
        Token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        return Token;
    }

    public async Task<string> RegisterAndLoginAsync(string? ownerEmail = null)
    {
        (await RegisterAsync(ownerEmail)).EnsureSuccessStatusCode();
        return await LoginAsync();
    }

    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> with the token and a fresh proof (ath included).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string scheme = "DPoP", string? proof = null)
    {
        token ??= Token;
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        request.Headers.Add("DPoP", proof ?? Proofs.Create(method.Method, _issuer + path.Split('?')[0], token));
        if (body is not null) request.Content = JsonContent.Create(body);
        return _client.SendAsync(request);
    }

    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    public void Dispose() => Key.Dispose();
}
