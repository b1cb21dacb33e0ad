using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Passes;
using Passport.Browser.Tests.Hosts;
using Passport.Core.Identity;
using Passport.Core.Keys;

namespace Passport.Browser.Tests.Approvals;

/// <summary>
/// The IdP's checks on signed approvals, driven over HTTP with results signed in C# (no browser): every refusal code
/// of docs/passes-topics.md, single use under concurrency, revoke and rotate through Passes.
/// </summary>
public sealed class ApprovalProtocolTests : IAsyncLifetime, IDisposable
{
    private readonly Key _ownerKey = Key.Create(SignatureAlgorithm.Ed25519);
    private ApprovalScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await ApprovalScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    public void Dispose() => _ownerKey.Dispose();

    [Fact]
    public async Task Approval_signed_in_csharp_is_accepted_and_performs_the_delegation()
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        var issued = await IssueAsync(token);

        var (status, body) = await CompleteAsync(token, Sign(Approval(issued)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Equal(Ed25519Jwk.FromPublicKey(_ownerKey.PublicKey).Thumbprint(), body.GetProperty("ownerKey").GetString());
        Assert.Single(await _scenario.Principal.DelegationsAsync());
    }

    [Theory]
    [InlineData("origin", "approval.origin_mismatch")]
    [InlineData("topic", "approval.topic_mismatch")]
    [InlineData("requestHash", "approval.request_hash_mismatch")]
    [InlineData("old", "approval.expired")]
    [InlineData("future", "approval.issued_in_future")]
    [InlineData("payload", "approval.payload_mismatch")]
    [InlineData("nonce", "approval.unknown_request")]
    public async Task Approval_body_that_does_not_answer_the_request_is_refused(string altered, string code)
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        var issued = await IssueAsync(token);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var approval = Approval(issued) with { };
        approval = altered switch
        {
            "origin" => approval with { Origin = "http://evil.example" },
            "topic" => approval with { Topic = "org.passport.revoke" },
            "requestHash" => approval with { RequestHash = ApprovalBody.ComputeRequestHash(RequestEnvelopeV0.Encode("org.passport.revoke", [])) },
            "old" => approval with { IssuedAt = now - 3600 },
            "future" => approval with { IssuedAt = now + 3600 },
            "payload" => approval with { Payload = Payload(new { action = "delegate", handle = _scenario.Principal.Handle, actor = _scenario.Actor.Handle, scope = new[] { "admin:all" } }) },
            _ => approval with { Nonce = Base64Url.EncodeToString(new byte[32]) },
        };

        var (status, body) = await CompleteAsync(token, Sign(approval));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Empty(await _scenario.Principal.DelegationsAsync());
    }

    [Fact]
    public async Task Request_of_another_owner_link_is_refused()
    {
        var first = await _scenario.RequestDelegationLinkAsync("read:orders");
        var second = await _scenario.RequestDelegationLinkAsync("read:orders");
        var issuedForFirst = await IssueAsync(first);

        var (status, body) = await CompleteAsync(second, Sign(Approval(issuedForFirst)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("approval.unknown_request", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Same_result_sent_twice_at_once_performs_the_action_once()
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        var result = Sign(Approval(await IssueAsync(token)));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => CompleteAsync(token, result)));

        Assert.Single(outcomes, o => o.Status == HttpStatusCode.OK);
        Assert.All(outcomes.Where(o => o.Status != HttpStatusCode.OK), o =>
            Assert.Contains(o.Body.GetProperty("code").GetString(), new[] { "approval.replayed", "approval.unknown_request", "owner_link.used" }));
        Assert.Single(await _scenario.Principal.DelegationsAsync());
    }

    [Fact]
    public async Task Rejected_result_changes_nothing_and_the_link_stays_usable()
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        await IssueAsync(token);

        var (status, body) = await CompleteAsync(token, ResultEnvelopeV0.Rejected().Encode());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", body.GetProperty("status").GetString());
        Assert.Empty(await _scenario.Principal.DelegationsAsync());

        var (again, _) = await CompleteAsync(token, Sign(Approval(await IssueAsync(token))));
        Assert.Equal(HttpStatusCode.OK, again);
    }

    [Theory]
    [InlineData("unsupported", "approval.not_accepted")]
    [InlineData("garbage", "approval.invalid_result")]
    [InlineData("unsigned", "approval.invalid_result")]
    public async Task Result_that_is_not_a_signed_approval_is_refused(string kind, string code)
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        var issued = await IssueAsync(token);
        var result = kind switch
        {
            "unsupported" => ResultEnvelopeV0.Unsupported().Encode(),
            "garbage" => [0x07, 0x01],
            _ => ResultEnvelopeV0.Accepted(ApprovalBody.Codec.Encode(Approval(issued))).Encode(),
        };

        var (status, body) = await CompleteAsync(token, result);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Emailed_link_alone_is_refused_once_the_owner_has_bound_a_passes_key()
    {
        var first = await _scenario.RequestDelegationLinkAsync("read:orders");
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(first, Sign(Approval(await IssueAsync(first))))).Item1);

        var second = await _scenario.RequestOwnerLinkAsync(new { handle = _scenario.Principal.Handle, action = "revoke" });
        using var response = await _scenario.Idp.Client.PostAsJsonAsync("/auth/owner/approve", new { token = second });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("owner.passes_required", problem.GetProperty("code").GetString());
        var record = await _scenario.Idp.Client.GetFromJsonAsync<JsonElement>($"/registry/{_scenario.Principal.Handle}");
        Assert.NotEqual("REVOKED", record.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Revoke_through_passes_revokes_the_record()
    {
        var token = await _scenario.RequestOwnerLinkAsync(new { handle = _scenario.Principal.Handle, action = "revoke" });
        var issued = await IssueAsync(token);
        Assert.Equal("org.passport.revoke", issued.Topic);

        var (status, _) = await CompleteAsync(token, Sign(Approval(issued)));

        Assert.Equal(HttpStatusCode.OK, status);
        var record = await _scenario.Idp.Client.GetFromJsonAsync<JsonElement>($"/registry/{_scenario.Principal.Handle}");
        Assert.Equal("REVOKED", record.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _scenario.Principal.SendAsync(HttpMethod.Get, "/me")).StatusCode);
    }

    [Fact]
    public async Task Rotation_through_passes_needs_the_new_key_proof()
    {
        using var newKey = Ed25519KeyPair.Generate();
        var newDid = DidKey.FromPublicKey(newKey.PublicKey).Value;
        var token = await _scenario.RequestOwnerLinkAsync(new { handle = _scenario.Principal.Handle, action = "rotate", newDid });

        var (without, refusal) = await CompleteAsync(token, Sign(Approval(await IssueAsync(token))));
        Assert.Equal(HttpStatusCode.BadRequest, without);
        Assert.Equal("owner.proof_required", refusal.GetProperty("code").GetString());

        var challenge = await _scenario.Idp.Client.PostAsJsonAsync("/auth/challenge", new { did = newDid });
        var nonce = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nonce").GetString()!;
        var proof = new { nonce, signature = Convert.ToBase64String(newKey.Sign(Convert.FromHexString(nonce))) };
        var (status, body) = await CompleteAsync(token, Sign(Approval(await IssueAsync(token))), proof);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(newDid, body.GetProperty("did").GetString());
        var record = await _scenario.Idp.Client.GetFromJsonAsync<JsonElement>($"/registry/{_scenario.Principal.Handle}");
        Assert.Equal(newDid, record.GetProperty("did").GetString());
    }

    [Fact]
    public async Task Issued_request_is_json_in_the_documented_member_order()
    {
        var token = await _scenario.RequestDelegationLinkAsync("read:orders");
        var issued = await IssueAsync(token);

        var envelope = RequestEnvelopeV0.Decode(issued.Request);
        var json = Encoding.UTF8.GetString(envelope.Body.Span);
        Assert.Equal("org.passport.approve-delegation", envelope.Topic);
        Assert.StartsWith($$"""{"issuer":"{{_scenario.Idp.Issuer}}","nonce":"{{issued.Nonce}}","action":"delegate","handle":"{{_scenario.Principal.Handle}}",""", json);
        Assert.Contains($$""","actor":"{{_scenario.Actor.Handle}}","scope":["read:orders"],"expiresAt":""", json);
    }

    private sealed record Issued(string Topic, byte[] Request, string Nonce);

    private async Task<Issued> IssueAsync(string token)
    {
        var response = await _scenario.Idp.Client.PostAsJsonAsync("/owner/passes/request", new { token });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var request = Base64Url.DecodeFromChars(json.GetProperty("request").GetString()!);
        using var body = JsonDocument.Parse(RequestEnvelopeV0.Decode(request).Body);
        return new Issued(json.GetProperty("topic").GetString()!, request, body.RootElement.GetProperty("nonce").GetString()!);
    }

    /// <summary>What a correct provider signs for <paramref name="issued"/>.</summary>
    private ApprovalBody Approval(Issued issued)
    {
        using var request = JsonDocument.Parse(RequestEnvelopeV0.Decode(issued.Request).Body);
        var r = request.RootElement;
        var action = r.GetProperty("action").GetString()!;
        var handle = r.GetProperty("handle").GetString()!;
        object payload = action switch
        {
            "delegate" => new { action, handle, actor = r.GetProperty("actor").GetString(), scope = r.GetProperty("scope") },
            "rotate" => new { action, handle, newDid = r.GetProperty("newDid").GetString() },
            _ => new { action, handle },
        };
        return new ApprovalBody(issued.Topic, ApprovalBody.ComputeRequestHash(issued.Request), issued.Nonce, _scenario.Idp.Issuer,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Payload(payload));
    }

    private static JsonElement Payload(object value) => JsonSerializer.SerializeToElement(value);

    private byte[] Sign(ApprovalBody approval) => SignedResultSigner.SignAcceptedResult(_ownerKey, ApprovalBody.Codec.Encode(approval));

    private async Task<(HttpStatusCode Status, JsonElement Body)> CompleteAsync(string token, byte[] result, object? proof = null)
    {
        var response = await _scenario.Idp.Client.PostAsJsonAsync("/owner/passes/complete", new { token, result = Base64Url.EncodeToString(result), proof });
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
