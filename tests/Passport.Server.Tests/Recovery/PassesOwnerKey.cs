using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text.Json;
using NSec.Cryptography;
using Passes;
using Passport.Server.Tests.Hosting;

namespace Passport.Server.Tests.Recovery;

/// <summary>
/// An owner's Passes key in C#: asks the real IdP for a Pass Request (<c>{api}/request</c>), signs the approval body as a
/// Pass Provider would (as ClaimThroughPassesTests does) and posts it to <c>{api}/complete</c>.
/// </summary>
public sealed class PassesOwnerKey(ServerHost host, TimeProvider clock) : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    public string Thumbprint => Ed25519Jwk.FromPublicKey(_key.PublicKey).Thumbprint();

    /// <summary>Claims through <c>/claim/passes</c> with the claim token (binds this key on the owner's first approval).</summary>
    public Task<HttpResponseMessage> ClaimAsync(string token, string handle) => ApproveAsync("/claim/passes", "token", token, "claim", handle);

    /// <summary>Approves the owner link <paramref name="token"/> of <paramref name="action"/> on <paramref name="handle"/> through <c>/owner/passes</c>.</summary>
    public Task<HttpResponseMessage> ApproveLinkAsync(string token, string action, string handle, object? extraPayload = null) =>
        ApproveAsync("/owner/passes", "token", token, action, handle, extraPayload);

    /// <summary>Signs the veto of the pending recovery of the owner of <paramref name="handle"/> (<c>/owner/recovery/veto</c>).</summary>
    public Task<HttpResponseMessage> VetoAsync(string handle) => ApproveAsync("/owner/recovery/veto", "handle", handle, "veto-recovery", handle);

    /// <summary>
    /// Asks <c>/owner/sign-in/passes/request</c> for a sign-in of <paramref name="email"/> and signs it with this key
    /// (payload <c>{action:"sign-in", email}</c>); returns the result envelope in base64url, to post to <c>/complete</c>.
    /// </summary>
    public async Task<string> SignSignInAsync(string email)
    {
        using var issued = await host.Client.PostAsJsonAsync("/owner/sign-in/passes/request", new { email });
        issued.EnsureSuccessStatusCode();
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var request = Base64Url.DecodeFromChars(json.GetProperty("request").GetString()!);
        using var body = JsonDocument.Parse(RequestEnvelopeV0.Decode(request).Body);
        var approval = new ApprovalBody(json.GetProperty("topic").GetString()!, ApprovalBody.ComputeRequestHash(request),
            body.RootElement.GetProperty("nonce").GetString()!, host.Issuer, clock.GetUtcNow().ToUnixTimeSeconds(),
            JsonSerializer.SerializeToElement(new { action = "sign-in", email }));
        return Base64Url.EncodeToString(SignedResultSigner.SignAcceptedResult(_key, ApprovalBody.Codec.Encode(approval)));
    }

    /// <summary>Posts a signed sign-in result to <c>/owner/sign-in/passes/complete</c>.</summary>
    public Task<HttpResponseMessage> CompleteSignInAsync(string email, string result) =>
        host.Client.PostAsJsonAsync("/owner/sign-in/passes/complete", new { email, result });

    private async Task<HttpResponseMessage> ApproveAsync(string api, string field, string value, string action, string handle, object? extraPayload = null)
    {
        using var issued = await host.Client.PostAsJsonAsync(api + "/request", new Dictionary<string, string> { [field] = value });
        if (!issued.IsSuccessStatusCode) return Copy(issued, await issued.Content.ReadAsStringAsync());
        var json = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var topic = json.GetProperty("topic").GetString()!;
        var request = Base64Url.DecodeFromChars(json.GetProperty("request").GetString()!);
        using var body = JsonDocument.Parse(RequestEnvelopeV0.Decode(request).Body);
        var payload = new Dictionary<string, object> { ["action"] = action, ["handle"] = handle };
        if (extraPayload is not null)
        {
            foreach (var p in JsonSerializer.SerializeToElement(extraPayload).EnumerateObject()) payload[p.Name] = p.Value;
        }
        var approval = new ApprovalBody(topic, ApprovalBody.ComputeRequestHash(request), body.RootElement.GetProperty("nonce").GetString()!, host.Issuer,
            clock.GetUtcNow().ToUnixTimeSeconds(), JsonSerializer.SerializeToElement(payload));
        var result = SignedResultSigner.SignAcceptedResult(_key, ApprovalBody.Codec.Encode(approval));
        return await host.Client.PostAsJsonAsync(api + "/complete",
            new Dictionary<string, string> { [field] = value, ["result"] = Base64Url.EncodeToString(result) });
    }

    private static HttpResponseMessage Copy(HttpResponseMessage response, string text) => new(response.StatusCode)
    {
        Content = new StringContent(text, System.Text.Encoding.UTF8, response.Content.Headers.ContentType?.MediaType ?? "application/json"),
    };

    public void Dispose() => _key.Dispose();
}
