using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Keys;

namespace Passport.Browser.Tests.Hosts;

/// <summary>An agent over raw HTTP with Core primitives: a key, its DID, DPoP proofs.</summary>
public sealed class Agent : IDisposable
{
    private readonly IdpHost _idp;

    public Agent(IdpHost idp)
    {
        _idp = idp;
        Key = Ed25519KeyPair.Generate();
        Did = DidKey.FromPublicKey(Key.PublicKey);
        Proofs = new DpopProofFactory(Key);
    }

    public Ed25519KeyPair Key { get; }

    public DidKey Did { get; }

    public DpopProofFactory Proofs { get; }

    public string Handle { get; private set; } = "";

    public string Token { get; private set; } = "";

    /// <summary>Registers, claims through the mailed link when <paramref name="ownerEmail"/> is given, and logs in.</summary>
    public async Task<Agent> RegisterAsync(string? ownerEmail = null)
    {
        var registered = await _idp.Client.PostAsJsonAsync("/auth/register", new { did = Did.Value, ownerEmail, name = "Agent " + Guid.NewGuid().ToString("N")[..6] });
        registered.EnsureSuccessStatusCode();
        Handle = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handle").GetString()!;
        if (ownerEmail is not null)
        {
            var claimLink = (await _idp.LastMailLinksAsync(ownerEmail)).Single(l => l.Contains("/claim?token=", StringComparison.Ordinal));
            var token = Uri.UnescapeDataString(claimLink[(claimLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
            (await _idp.Client.PostAsJsonAsync("/auth/claim", new { token })).EnsureSuccessStatusCode();
        }

        Token = await LoginAsync(null);
        return this;
    }

    /// <summary>A DPoP-bound token for <paramref name="audience"/> (RFC 8707 resource; one of the IdP's <c>Passport:Audiences</c>).</summary>
    public Task<string> TokenForAsync(string audience) => LoginAsync(audience);

    private async Task<string> LoginAsync(string? aud)
    {
        var challenge = await _idp.Client.PostAsJsonAsync("/auth/challenge", new { did = Did.Value });
        challenge.EnsureSuccessStatusCode();
        var nonce = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = JsonContent.Create(new { did = Did.Value, nonce, signature = Convert.ToBase64String(Key.Sign(Convert.FromHexString(nonce))), aud }),
        };
        request.Headers.Add("DPoP", Proofs.Create("POST", _idp.Issuer + "/auth/token"));
        var tokenResponse = await _idp.Client.SendAsync(request);
        tokenResponse.EnsureSuccessStatusCode();
        return (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Sends a request with this agent's token and a fresh DPoP proof.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", Token);
        request.Headers.Add("DPoP", Proofs.Create(method.Method, _idp.Issuer + path.Split('?')[0], Token));
        if (body is not null) request.Content = JsonContent.Create(body);
        return _idp.Client.SendAsync(request);
    }

    /// <summary>The agent's grants (as principal or actor).</summary>
    public async Task<JsonElement[]> DelegationsAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/delegations");
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }

    public void Dispose() => Key.Dispose();
}
