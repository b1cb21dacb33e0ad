using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Passport.Server.Tests.Hosting;
using Xunit;

namespace Passport.Server.Tests.Endpoints;

/// <summary>Refusal paths of register, challenge, token, claim, /me and the registry, each with its status and stable code.</summary>
public sealed class RefusalTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerHost Host => fixture.Host;

    private Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        Host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    [Theory]
    [InlineData("/auth/register")]
    [InlineData("/auth/challenge")]
    [InlineData("/auth/token")]
    [InlineData("/auth/claim")]
    [InlineData("/auth/owner/request")]
    [InlineData("/auth/owner/approve")]
    public async Task Malformed_json_is_400(string path) =>
        await Problem.AssertAsync(await PostRaw(path, "{\"did\": "), 400, "request.malformed_json");

    [Theory]
    [InlineData("/auth/register")]
    [InlineData("/auth/challenge")]
    [InlineData("/auth/claim")]
    public async Task Wrong_content_type_is_415(string path) =>
        await Problem.AssertAsync(await PostRaw(path, "did=x", "application/x-www-form-urlencoded"), 415, "request.unsupported_media_type");

    // /auth/token reads a form as the OAuth client_credentials grant (ClientCredentialsTests); other media types stay 415.
    [Fact]
    public async Task Token_endpoint_refuses_text_with_415() =>
        await Problem.AssertAsync(await PostRaw("/auth/token", "did=x", "text/plain"), 415, "request.unsupported_media_type");

    [Theory]
    [InlineData("/auth/register")]
    [InlineData("/auth/challenge")]
    [InlineData("/auth/claim")]
    public async Task Missing_field_is_400(string path) =>
        await Problem.AssertAsync(await PostRaw(path, "{}"), 400, "request.missing_field");

    [Fact]
    public async Task Json_array_body_is_400() =>
        await Problem.AssertAsync(await PostRaw("/auth/register", "[1,2]"), 400, "request.malformed_json");

    [Fact]
    public async Task Wrong_field_type_is_400() =>
        await Problem.AssertAsync(await PostRaw("/auth/register", "{\"did\": 42}"), 400, "request.invalid_field");

    [Fact]
    public async Task Oversized_field_is_400() =>
        await Problem.AssertAsync(await PostRaw("/auth/claim", JsonSerializer.Serialize(new { token = new string('a', 5000) })), 400, "request.field_too_long");

    [Fact]
    public async Task Body_over_64_kb_is_413() =>
        await Problem.AssertAsync(await PostRaw("/auth/register", JsonSerializer.Serialize(new { did = "x", name = new string('a', 70_000) })), 413, "request.body_too_large");

    [Fact]
    public async Task Deeply_nested_json_is_400() =>
        await Problem.AssertAsync(await PostRaw("/auth/register", new string('[', 100) + new string(']', 100)), 400, "request.malformed_json");

    [Theory]
    [InlineData("did:web:example.com", "did.invalid_prefix")]
    [InlineData("did:key:z0OIl", "did.invalid_encoding")]
    [InlineData("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", "did.unsupported_key_type")]
    public async Task Malformed_did_is_400_with_the_core_code(string did, string code) =>
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/register", new { did }), 400, code);

    [Fact]
    public async Task Duplicate_registration_is_409()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        await Problem.AssertAsync(await agent.RegisterAsync(), 409, "did.already_registered");
    }

    [Fact]
    public async Task Bad_email_and_long_name_are_400()
    {
        using var agent = new TestAgent(Host);
        await Problem.AssertAsync(await agent.RegisterAsync("not-an-email"), 400, "email.invalid");
        await Problem.AssertAsync(await agent.RegisterAsync(null, new string('n', 129)), 400, "name.too_long");
    }

    [Fact]
    public async Task Challenge_for_unknown_did_is_404()
    {
        using var agent = new TestAgent(Host);
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/challenge", new { did = agent.Did.Value }), 404, "record.not_found");
    }

    [Fact]
    public async Task Challenge_is_64_lowercase_hex_with_iso_expiry()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var body = await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/challenge", new { did = agent.Did.Value }));
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("nonce").GetString());
        Assert.EndsWith("Z", body.GetProperty("expiresAt").GetString());
        Assert.True(DateTimeOffset.Parse(body.GetProperty("expiresAt").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(4));
    }

    [Fact]
    public async Task Token_nonce_is_single_use()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        (await agent.RequestTokenAsync(nonce)).EnsureSuccessStatusCode();
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce), 400, "challenge.used");
    }

    [Fact]
    public async Task Token_accepts_url_safe_unpadded_signatures()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        var urlSafe = agent.Sign(nonce).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await Problem.JsonAsync(await agent.RequestTokenAsync(nonce, urlSafe));
    }

    [Fact]
    public async Task Token_refuses_bad_signature_wrong_nonce_and_unknown_nonce()
    {
        using var agent = new TestAgent(Host);
        using var other = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, other.Sign(nonce)), 400, "signature.invalid");
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, "!!!"), 400, "signature.malformed");
        await Problem.AssertAsync(await agent.RequestTokenAsync("xyz", agent.Sign(nonce)), 400, "challenge.nonce_malformed");
        await Problem.AssertAsync(await agent.RequestTokenAsync(new string('a', 64)), 400, "challenge.unknown");
    }

    [Fact]
    public async Task Token_refuses_bad_dpop_proofs()
    {
        using var agent = new TestAgent(Host);
        using var other = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, proof: agent.Proofs.Create("POST", Host.Issuer + "/me")), 400, "dpop.htu_mismatch");
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, proof: agent.Proofs.Create("GET", Host.Issuer + "/auth/token")), 400, "dpop.htm_mismatch");
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, proof: other.Proofs.Create("POST", Host.Issuer + "/auth/token")), 400, "dpop.jkt_mismatch");
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, proof: "not.a.jwt"), 400, "dpop.malformed");
        var proof = agent.Proofs.Create("POST", Host.Issuer + "/auth/token");
        (await agent.RequestTokenAsync(nonce, proof: proof)).EnsureSuccessStatusCode();
        var second = await agent.ChallengeAsync();
        await Problem.AssertAsync(await agent.RequestTokenAsync(second, proof: proof), 400, "dpop.replayed");
    }

    [Fact]
    public async Task Token_without_dpop_header_is_400()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        var response = await Host.Client.PostAsJsonAsync("/auth/token", new { did = agent.Did.Value, nonce, signature = agent.Sign(nonce) });
        await Problem.AssertAsync(response, 400, "dpop.missing");
    }

    [Fact]
    public async Task Token_aud_outside_the_allow_list_is_invalid_target()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        var nonce = await agent.ChallengeAsync();
        await Problem.AssertAsync(await agent.RequestTokenAsync(nonce, aud: "https://evil.example.com"), 400, "invalid_target");
        nonce = await agent.ChallengeAsync();
        await Problem.JsonAsync(await agent.RequestTokenAsync(nonce, aud: "https://api.example.com"));
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused_at_me()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        await agent.LoginAsync("https://api.example.com");
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me"), 401, "token.invalid_audience");
    }

    [Fact]
    public async Task Me_without_credentials_is_401_with_resource_metadata()
    {
        var response = await Host.Client.GetAsync("/me");
        await Problem.AssertAsync(response, 401, "credentials.missing");
        // The gateway's challenge (one verifier): both schemes, Bearer first (stock clients read the first), no error, the resource metadata URL.
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.ToString()).ToArray();
        Assert.Equal(
            [
                $"Bearer realm=\"passport\", resource_metadata=\"{Host.Issuer}/.well-known/oauth-protected-resource\"",
                $"DPoP realm=\"passport\", algs=\"EdDSA Ed25519\", resource_metadata=\"{Host.Issuer}/.well-known/oauth-protected-resource\"",
            ],
            challenges);
    }

    [Fact]
    public async Task Me_refuses_tampered_token_and_bad_proofs()
    {
        using var agent = new TestAgent(Host);
        var token = await agent.RegisterAndLoginAsync();
        // Change signature bytes but keep the last character: a 64-byte signature's final base64url character carries
        // padding bits, and a non-canonical one makes the token malformed instead of wrongly signed.
        var tampered = token[..^5] + (token[^5] == 'A' ? "BBBB" : "AAAA") + token[^1];
        var r1 = await agent.SendAsync(HttpMethod.Get, "/me", token: tampered);
        await Problem.AssertAsync(r1, 401, "token.invalid_signature");
        Assert.Contains("error=\"invalid_token\"", r1.Headers.WwwAuthenticate.ToString());

        var r2 = await agent.SendAsync(HttpMethod.Get, "/me", proof: agent.Proofs.Create("GET", Host.Issuer + "/api/registry", token));
        await Problem.AssertAsync(r2, 401, "dpop.htu_mismatch");
        Assert.Contains("error=\"invalid_dpop_proof\"", r2.Headers.WwwAuthenticate.ToString());
        Assert.StartsWith("DPoP ", r2.Headers.WwwAuthenticate.ToString());

        using var thief = new TestAgent(Host);
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me", proof: thief.Proofs.Create("GET", Host.Issuer + "/me", token)), 401, "dpop.jkt_mismatch");
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me", proof: agent.Proofs.Create("GET", Host.Issuer + "/me", "other-token")), 401, "dpop.ath_mismatch");

        var proof = agent.Proofs.Create("GET", Host.Issuer + "/me", token);
        Assert.Equal(200, (int)(await agent.SendAsync(HttpMethod.Get, "/me", proof: proof)).StatusCode);
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me", proof: proof), 401, "dpop.replayed");
    }

    [Fact]
    public async Task Me_with_unsupported_authorization_scheme_is_401()
    {
        using var agent = new TestAgent(Host);
        await agent.RegisterAndLoginAsync();
        await Problem.AssertAsync(await agent.SendAsync(HttpMethod.Get, "/me", scheme: "Basic"), 401, "credentials.malformed_authorization");
    }

    [Fact]
    public async Task Claim_refuses_unknown_and_used_tokens()
    {
        using var agent = new TestAgent(Host);
        var email = OwnerMailbox.NewEmail();
        (await agent.RegisterAsync(email)).EnsureSuccessStatusCode();
        var token = OwnerMailbox.TokenOf(await Host.OutboxLastAsync(email));
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/claim", new { token = "unknown" }), 400, "claim.unknown");
        await Problem.JsonAsync(await Host.Client.PostAsJsonAsync("/auth/claim", new { token }));
        await Problem.AssertAsync(await Host.Client.PostAsJsonAsync("/auth/claim", new { token }), 400, "claim.used");
    }

    [Fact]
    public async Task Claim_page_is_html_with_no_store()
    {
        var response = await Host.Client.GetAsync("/claim?token=abc");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("/auth/claim", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Registry_detail_masks_email_and_did_document_has_seed_shape()
    {
        using var agent = new TestAgent(Host);
        (await agent.RegisterAsync("alice@example.com")).EnsureSuccessStatusCode();
        var detail = await Host.Client.GetFromJsonAsync<JsonElement>($"/registry/{agent.Handle}");
        Assert.Equal("a***@example.com", detail.GetProperty("ownerEmail").GetString());
        var doc = await Host.Client.GetFromJsonAsync<JsonElement>($"/registry/{agent.Handle}/did.json");
        var method = $"{agent.Did.Value}#{agent.Did.Value["did:key:".Length..]}";
        Assert.Equal(agent.Did.Value, doc.GetProperty("id").GetString());
        Assert.Equal("Ed25519VerificationKey2020", doc.GetProperty("verificationMethod")[0].GetProperty("type").GetString());
        Assert.Equal(method, doc.GetProperty("verificationMethod")[0].GetProperty("id").GetString());
        Assert.Equal(method, doc.GetProperty("authentication")[0].GetString());
        Assert.Equal(method, doc.GetProperty("assertionMethod")[0].GetString());
        Assert.Equal("https://w3id.org/security/suites/ed25519-2020/v1", doc.GetProperty("@context")[1].GetString());
    }

    [Fact]
    public async Task Registry_unknown_handle_is_404_and_bad_paging_is_400()
    {
        await Problem.AssertAsync(await Host.Client.GetAsync("/registry/no-such-handle"), 404, "record.not_found");
        await Problem.AssertAsync(await Host.Client.GetAsync("/registry/..%2F..%2Fetc/did.json"), 404, "record.not_found");
        await Problem.AssertAsync(await Host.Client.GetAsync("/api/registry?limit=abc"), 400, "request.invalid_field");
        await Problem.AssertAsync(await Host.Client.GetAsync("/api/registry?limit=100000"), 400, "request.invalid_field");
    }

    [Fact]
    public async Task Registry_pages_with_a_cursor_without_duplicates()
    {
        for (var i = 0; i < 3; i++)
        {
            using var agent = new TestAgent(Host);
            (await agent.RegisterAsync()).EnsureSuccessStatusCode();
        }
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Host.Client.GetFromJsonAsync<JsonElement>("/api/registry?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("handle").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        Assert.True(seen.Count >= 3);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Unknown_path_is_a_problem_404()
    {
        await Problem.AssertAsync(await Host.Client.GetAsync("/nope"), 404, "not_found");
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        Assert.Equal(200, (int)(await Host.Client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(200, (int)(await Host.Client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Auth_md_is_markdown_with_live_urls()
    {
        var response = await Host.Client.GetAsync("/auth.md");
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(Host.Issuer + "/auth/token", text);
        Assert.Contains("32 raw nonce bytes", text);
    }

    [Fact]
    public async Task Protected_resource_metadata_names_the_issuer()
    {
        var prm = await Host.Client.GetFromJsonAsync<JsonElement>("/.well-known/oauth-protected-resource");
        Assert.Equal(Host.Issuer, prm.GetProperty("resource").GetString());
        Assert.Equal(Host.Issuer, prm.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(Host.Issuer + "/auth.md", prm.GetProperty("resource_documentation").GetString());
    }

    [Fact]
    public async Task Documents_ignore_the_host_header()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server");
        request.Headers.Host = "evil.example.com";
        var metadata = await Problem.JsonAsync(await Host.Client.SendAsync(request));
        Assert.Equal(Host.Issuer, metadata.GetProperty("issuer").GetString());
    }
}
