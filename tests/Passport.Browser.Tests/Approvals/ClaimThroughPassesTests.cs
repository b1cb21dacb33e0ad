using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NSec.Cryptography;
using Passes;
using Passport.Browser.Tests.Browser;
using Passport.Browser.Tests.Hosts;
using Passport.Core.Keys;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// Claim through Passes (<c>org.passport.approve-claim</c>): the record becomes CLAIMED and the signer is bound as the
/// owner key at the same moment; results signed in C# for the checks, and one round trip in Chromium with the sample provider.
/// </summary>
[Collection(ChromiumCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ClaimThroughPassesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Claim_signed_in_csharp_claims_binds_the_key_and_later_claims_need_that_key()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        using var ownerKey = Key.Create(SignatureAlgorithm.Ed25519);
        using var otherKey = Key.Create(SignatureAlgorithm.Ed25519);
        var email = $"claimer-{Guid.NewGuid():N}@example.com";
        var (handle, token) = await RegisterUnclaimedAsync(scenario.Idp, email);

        // Rejected: nothing changes, the claim token stays usable.
        await IssueAsync(scenario.Idp, token);
        var (rejected, rejectedBody) = await CompleteAsync(scenario.Idp, token, ResultEnvelopeV0.Rejected().Encode());
        Assert.Equal(HttpStatusCode.OK, rejected);
        Assert.Equal("rejected", rejectedBody.GetProperty("status").GetString());
        Assert.Equal("UNCLAIMED", await StatusAsync(scenario.Idp, handle));

        var (status, body) = await CompleteAsync(scenario.Idp, token, Sign(ownerKey, scenario.Idp, await IssueAsync(scenario.Idp, token), handle));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("claim", body.GetProperty("action").GetString());
        Assert.Equal(Ed25519Jwk.FromPublicKey(ownerKey.PublicKey).Thumbprint(), body.GetProperty("ownerKey").GetString());
        Assert.Equal("CLAIMED", await StatusAsync(scenario.Idp, handle));

        // The claim token is used; the emailed claim button refuses it too.
        using var reused = await scenario.Idp.Client.PostAsJsonAsync("/auth/claim", new { token });
        Assert.Equal("claim.used", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A second agent of the same owner: the bound key must sign its claim.
        var (second, secondToken) = await RegisterUnclaimedAsync(scenario.Idp, email);
        var (mismatch, refusal) = await CompleteAsync(scenario.Idp, secondToken, Sign(otherKey, scenario.Idp, await IssueAsync(scenario.Idp, secondToken), second));
        Assert.Equal(HttpStatusCode.Forbidden, mismatch);
        Assert.Equal("approval.signer_mismatch", refusal.GetProperty("code").GetString());
        Assert.Equal("UNCLAIMED", await StatusAsync(scenario.Idp, second));

        // After binding, the emailed link alone no longer approves owner actions for this owner.
        var link = await RequestRevokeLinkAsync(scenario.Idp, email, handle);
        using var plain = await scenario.Idp.Client.PostAsJsonAsync("/auth/owner/approve", new { token = link });
        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode);
        Assert.Equal("owner.passes_required", (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_claim_token_is_refused_with_the_claim_code()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        using var response = await scenario.Idp.Client.PostAsJsonAsync("/claim/passes/request", new { token = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("claim.unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Owner_claims_from_the_claim_page_with_the_sample_pass_provider()
    {
        await using var scenario = await ApprovalScenario.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var email = $"claimer-{Guid.NewGuid():N}@example.com";
        var (handle, token) = await RegisterUnclaimedAsync(scenario.Idp, email);

        var page = await context.NewPageAsync();
        await page.GotoAsync($"{scenario.Idp.Issuer}/claim?token={Uri.EscapeDataString(token)}");
        await page.ClickAsync("#passes");
        await page.WaitForSelectorAsync("body[data-state='ready']");
        Assert.DoesNotContain("token=", page.Url);
        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("#send"));
        await popup.WaitForSelectorAsync("body[data-state='presenting']");
        Assert.Contains("Claim", await popup.TextContentAsync("#title"));
        Assert.Equal(scenario.Idp.Issuer, await popup.TextContentAsync("dd[data-fact='Requested by (origin)']"));
        await popup.ClickAsync("#approve");

        var (state, status, _) = await ApprovalScenario.OutcomeAsync(page);
        Assert.Equal("done", state);
        Assert.Contains("claim", status);
        Assert.Equal("CLAIMED", await StatusAsync(scenario.Idp, handle));
    }

    private static async Task<(string Handle, string Token)> RegisterUnclaimedAsync(IdpHost idp, string email)
    {
        using var key = Passport.Core.Keys.Ed25519KeyPair.Generate();
        var did = Passport.Core.Identity.DidKey.FromPublicKey(key.PublicKey).Value;
        var registered = await idp.Client.PostAsJsonAsync("/auth/register", new { did, ownerEmail = email, name = "Claimable" });
        registered.EnsureSuccessStatusCode();
        var handle = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handle").GetString()!;
        var link = (await idp.LastMailLinksAsync(email)).Single(l => l.Contains("/claim?token=", StringComparison.Ordinal));
        return (handle, Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]));
    }

    private static async Task<string> RequestRevokeLinkAsync(IdpHost idp, string email, string handle)
    {
        (await idp.Client.PostAsJsonAsync("/auth/owner/request", new { handle, action = "revoke" })).EnsureSuccessStatusCode();
        var link = (await idp.LastMailLinksAsync(email)).Single(l => l.Contains("/owner/approve?token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
    }

    private static async Task<string> StatusAsync(IdpHost idp, string handle) =>
        (await idp.Client.GetFromJsonAsync<JsonElement>($"/registry/{handle}")).GetProperty("status").GetString()!;

    private static async Task<(string Topic, byte[] Request, string Nonce)> IssueAsync(IdpHost idp, string token)
    {
        var response = await idp.Client.PostAsJsonAsync("/claim/passes/request", new { token });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var request = Base64Url.DecodeFromChars(json.GetProperty("request").GetString()!);
        using var body = JsonDocument.Parse(RequestEnvelopeV0.Decode(request).Body);
        return (json.GetProperty("topic").GetString()!, request, body.RootElement.GetProperty("nonce").GetString()!);
    }

    private static byte[] Sign(Key key, IdpHost idp, (string Topic, byte[] Request, string Nonce) issued, string handle)
    {
        Assert.Equal("org.passport.approve-claim", issued.Topic);
        var approval = new ApprovalBody(issued.Topic, ApprovalBody.ComputeRequestHash(issued.Request), issued.Nonce, idp.Issuer,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), JsonSerializer.SerializeToElement(new { action = "claim", handle }));
        return SignedResultSigner.SignAcceptedResult(key, ApprovalBody.Codec.Encode(approval));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> CompleteAsync(IdpHost idp, string token, byte[] result)
    {
        var response = await idp.Client.PostAsJsonAsync("/claim/passes/complete", new { token, result = Base64Url.EncodeToString(result) });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
