using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Passport.AspNetCore.Replay;
using Passport.Core.Dpop;
using Passport.Core.Keys;
using Passport.Core.Tokens;
using Passport.Gateway.Tests.Infrastructure;

namespace Passport.Gateway.Tests.Refusals;

/// <summary>Every refusal of the request path, each asserting status, WWW-Authenticate error and problem code.</summary>
public sealed class RefusalTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private readonly TestAgent _agent = new();

    private string Url(string path = "/things") => stack.Gateway.BaseUrl + path;

    private string Token() => _agent.Token(stack.Issuer, stack.Audience);

    private async Task<Refused> SendAsync(HttpRequestMessage request)
    {
        using var response = await stack.Gateway.Client.SendAsync(request);
        return await Refused.ReadAsync(response);
    }

    private Task<Refused> SendAsync(string token, string proof, string path = "/things", HttpMethod? method = null) =>
        SendAsync(TestAgent.Request(method ?? HttpMethod.Get, Url(path), token, proof));

    [Fact]
    public async Task No_credentials_is_401_without_error_and_offers_both_schemes()
    {
        var refused = await SendAsync(TestAgent.Request(HttpMethod.Get, Url(), null, null));
        refused.AssertIs(HttpStatusCode.Unauthorized, null, "credentials.missing");
        // Bearer first: MCP and other stock clients read only the first challenge (RFC 9110 §11.6.1 allows several).
        Assert.Equal(2, refused.Challenges.Length);
        Assert.StartsWith("Bearer realm=\"passport\"", refused.Challenges[0], StringComparison.Ordinal);
        Assert.StartsWith("DPoP realm=\"passport\"", refused.Challenges[1], StringComparison.Ordinal);
        Assert.Contains("algs=\"EdDSA Ed25519\"", refused.Challenges[1], StringComparison.Ordinal);
        Assert.Equal(stack.Gateway.BaseUrl + "/.well-known/oauth-protected-resource", refused.Param("resource_metadata"));
    }

    [Fact]
    public async Task Token_without_proof_is_invalid_dpop_proof()
    {
        var refused = await SendAsync(TestAgent.Request(HttpMethod.Get, Url(), Token(), null));
        refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.missing");
    }

    [Fact]
    public async Task Proof_without_token_is_invalid_request()
    {
        var refused = await SendAsync(TestAgent.Request(HttpMethod.Get, Url(), null, _agent.Proof(HttpMethod.Get, Url())));
        refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_request", "token.missing");
    }

    [Fact]
    public async Task Two_DPoP_headers_are_refused()
    {
        var request = TestAgent.Request(HttpMethod.Get, Url(), Token(), _agent.Proof(HttpMethod.Get, Url()));
        request.Headers.TryAddWithoutValidation("DPoP", _agent.Proof(HttpMethod.Get, Url()));
        (await SendAsync(request)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.duplicate");
    }

    [Fact]
    public async Task Two_Authorization_headers_are_refused()
    {
        var token = Token();
        var request = TestAgent.Request(HttpMethod.Get, Url(), token, _agent.Proof(HttpMethod.Get, Url()));
        request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + token);
        (await SendAsync(request)).AssertIs(HttpStatusCode.Unauthorized, "invalid_request", "credentials.duplicate_authorization");
    }

    [Fact]
    public async Task Basic_authorization_is_refused()
    {
        var request = TestAgent.Request(HttpMethod.Get, Url(), "dXNlcjpwYXNz", _agent.Proof(HttpMethod.Get, Url()), scheme: "Basic");
        (await SendAsync(request)).AssertIs(HttpStatusCode.Unauthorized, "invalid_request", "credentials.malformed_authorization");
    }

    [Fact]
    public async Task Proof_signed_by_another_key_does_not_match_cnf_jkt()
    {
        var thief = new TestAgent();
        var refused = await SendAsync(Token(), thief.Proof(HttpMethod.Get, Url()));
        refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.jkt_mismatch");
    }

    [Fact]
    public async Task Proof_with_tampered_signature_is_refused()
    {
        var proof = _agent.Proof(HttpMethod.Get, Url());
        var tampered = proof[..^2] + (proof[^2] == 'A' ? "B" : "A") + proof[^1];
        (await SendAsync(Token(), tampered)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.invalid_signature");
    }

    [Fact]
    public async Task Proof_for_another_method_is_refused()
    {
        (await SendAsync(Token(), _agent.Proof(HttpMethod.Post, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htm_mismatch");
    }

    [Fact]
    public async Task Proof_for_another_path_is_refused()
    {
        (await SendAsync(Token(), _agent.Proof(HttpMethod.Get, Url("/other")))).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htu_mismatch");
    }

    [Fact]
    public async Task Proof_for_another_port_is_refused()
    {
        var uri = new Uri(Url());
        var otherPort = $"http://127.0.0.1:{uri.Port + 1}/things";
        (await SendAsync(Token(), _agent.Proof(HttpMethod.Get, otherPort))).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htu_mismatch");
    }

    [Fact]
    public async Task Proof_for_another_scheme_is_refused()
    {
        var https = Url().Replace("http://", "https://", StringComparison.Ordinal);
        (await SendAsync(Token(), _agent.Proof(HttpMethod.Get, https))).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htu_mismatch");
    }

    [Fact]
    public async Task Proof_for_another_host_is_refused()
    {
        var other = Url().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        (await SendAsync(Token(), _agent.Proof(HttpMethod.Get, other))).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.htu_mismatch");
    }

    [Fact]
    public async Task Stale_iat_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(-120));
        var proof = new DpopProofFactory(_agent.Key, clock).Create("GET", Url());
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.stale_iat");
    }

    [Fact]
    public async Task Future_iat_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(120));
        var proof = new DpopProofFactory(_agent.Key, clock).Create("GET", Url());
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.future_iat");
    }

    [Fact]
    public async Task Missing_jti_is_refused()
    {
        var proof = RawJws.Sign(_agent.Key, $"{{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{RawJws.Jwk(_agent.Key)}}}", RawJws.Payload("GET", Url(), jti: null));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.missing_jti");
    }

    [Fact]
    public async Task Overlong_jti_is_refused()
    {
        var proof = _agent.Proofs.Create("GET", Url(), jti: new string('j', 300));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.jti_too_long");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task Proof_alg_other_than_EdDSA_or_ES256_is_refused(string alg)
    {
        var proof = RawJws.Sign(_agent.Key, $"{{\"typ\":\"dpop+jwt\",\"alg\":\"{alg}\",\"jwk\":{RawJws.Jwk(_agent.Key)}}}", RawJws.Payload("GET", Url()));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.unsupported_alg");
    }

    [Fact]
    public async Task Proof_claiming_ES256_with_an_Ed25519_key_is_refused()
    {
        // The gateway accepts ES256 proofs (issue 15 §1), but alg must be the jwk's algorithm.
        var proof = RawJws.Sign(_agent.Key, $"{{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{RawJws.Jwk(_agent.Key)}}}", RawJws.Payload("GET", Url()));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.invalid_jwk");
    }

    [Fact]
    public async Task Proof_typ_JWT_is_refused()
    {
        var proof = RawJws.Sign(_agent.Key, $"{{\"typ\":\"JWT\",\"alg\":\"EdDSA\",\"jwk\":{RawJws.Jwk(_agent.Key)}}}", RawJws.Payload("GET", Url()));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.invalid_typ");
    }

    [Fact]
    public async Task Proof_jwk_with_private_part_is_refused()
    {
        var jwk = Ed25519PrivateJwk.Export(_agent.Key);
        var proof = RawJws.Sign(_agent.Key, $"{{\"typ\":\"dpop+jwt\",\"alg\":\"EdDSA\",\"jwk\":{jwk}}}", RawJws.Payload("GET", Url()));
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.private_key_in_jwk");
    }

    [Fact]
    public async Task Wrong_ath_is_refused()
    {
        var proof = _agent.Proofs.Create("GET", Url(), accessToken: "some-other-token");
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.ath_mismatch");
    }

    [Fact]
    public async Task Oversized_proof_is_refused_before_parsing()
    {
        var proof = new string('a', 6000) + "." + new string('b', 10) + "." + new string('c', 10);
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.too_large");
    }

    [Fact]
    public async Task Oversized_token_is_refused_before_parsing()
    {
        var token = new string('a', 9000) + ".b.c";
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.too_large");
    }

    [Fact]
    public async Task Tampered_token_payload_is_refused()
    {
        var parts = Token().Split('.');
        var forged = stack.Issuer.Issuer.Issue(_agent.Claims(stack.Issuer, stack.Audience) with { Handle = "someone-else" }).Split('.');
        var tampered = $"{parts[0]}.{forged[1]}.{parts[2]}";
        (await SendAsync(tampered, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_signature");
    }

    [Fact]
    public async Task Token_signed_by_an_impostor_under_the_real_kid_is_refused()
    {
        using var impostor = Ed25519KeyPair.Generate();
        var token = new PassportTokenIssuer(impostor, "passport-v1").Issue(_agent.Claims(stack.Issuer, stack.Audience));
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_signature");
    }

    [Fact]
    public async Task Unknown_kid_is_refused()
    {
        using var other = Ed25519KeyPair.Generate();
        var token = new PassportTokenIssuer(other, "never-published").Issue(_agent.Claims(stack.Issuer, stack.Audience));
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.unknown_kid");
    }

    [Fact]
    public async Task Token_for_another_audience_is_refused()
    {
        var token = _agent.Token(stack.Issuer, "https://other-service.example");
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_audience");
    }

    [Fact]
    public async Task Token_from_another_issuer_is_refused()
    {
        var token = stack.Issuer.Issuer.Issue(_agent.Claims(stack.Issuer, stack.Audience) with { Issuer = "https://evil.example" });
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.invalid_issuer");
    }

    [Fact]
    public async Task A_proof_presented_as_the_access_token_is_refused()
    {
        var proof = _agent.Proof(HttpMethod.Get, Url());
        var refused = await SendAsync(proof, _agent.Proof(HttpMethod.Get, Url()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_token", refused.Error);
        Assert.StartsWith("token.", refused.Code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replayed_proof_is_refused()
    {
        var token = Token();
        var proof = _agent.Proof(HttpMethod.Get, Url());
        using (var first = await stack.Gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, Url(), token, proof)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        (await SendAsync(token, proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
    }

    [Fact]
    public async Task Token_with_status_REVOKED_is_403()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience, PassportStatus.Revoked);
        (await SendAsync(token, _agent.Proof(HttpMethod.Get, Url()))).AssertIs(HttpStatusCode.Forbidden, "invalid_token", "passport.revoked");
    }

    [Fact]
    public async Task A_proof_refused_for_revocation_consumes_no_replay_space()
    {
        var store = (MemoryReplayStore)stack.Gateway.Services.GetRequiredService<IReplayStore>();
        var proof = _agent.Proof(HttpMethod.Get, Url());
        var before = store.Count;
        var revoked = _agent.Token(stack.Issuer, stack.Audience, PassportStatus.Revoked);
        (await SendAsync(revoked, proof)).AssertIs(HttpStatusCode.Forbidden, "invalid_token", "passport.revoked");
        Assert.Equal(before, store.Count);

        // Replay is recorded last: the same proof (no ath) was never recorded, so it is still fresh for a good token once.
        using (var accepted = await stack.Gateway.Client.SendAsync(TestAgent.Request(HttpMethod.Get, Url(), Token(), proof)))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        Assert.Equal(before + 1, store.Count);
        (await SendAsync(Token(), proof)).AssertIs(HttpStatusCode.Unauthorized, "invalid_dpop_proof", "dpop.replayed");
    }

    [Fact]
    public async Task Delegation_token_on_a_no_delegation_route_is_403()
    {
        var principal = new TestAgent();
        var token = _agent.DelegationToken(stack.Issuer, stack.Audience, principal, ["read:orders"]);
        var refused = await SendAsync(token, _agent.Proof(HttpMethod.Get, Url("/self-only/x")), "/self-only/x");
        refused.AssertIs(HttpStatusCode.Forbidden, "insufficient_scope", "delegation.not_allowed");
    }

    [Fact]
    public async Task Delegation_token_without_the_route_scope_is_403_with_scope()
    {
        var principal = new TestAgent();
        var token = _agent.DelegationToken(stack.Issuer, stack.Audience, principal, ["read:orders"]);
        var refused = await SendAsync(token, _agent.Proof(HttpMethod.Post, Url("/orders")), "/orders", HttpMethod.Post);
        refused.AssertIs(HttpStatusCode.Forbidden, "insufficient_scope", "scope.insufficient");
        Assert.Equal("write:orders", refused.Param("scope"));
    }

    [Fact]
    public async Task Self_token_on_a_self_scopes_route_needs_the_scope()
    {
        var refused = await SendAsync(Token(), _agent.Proof(HttpMethod.Get, Url("/admin/x")), "/admin/x");
        refused.AssertIs(HttpStatusCode.Forbidden, "insufficient_scope", "scope.insufficient");
        Assert.Equal("admin", refused.Param("scope"));
    }

    [Fact]
    public async Task Unclaimed_record_on_a_claimed_only_route_is_403()
    {
        var token = _agent.Token(stack.Issuer, stack.Audience, PassportStatus.Unclaimed);
        var refused = await SendAsync(token, _agent.Proof(HttpMethod.Get, Url("/claimed/x")), "/claimed/x");
        refused.AssertIs(HttpStatusCode.Forbidden, "insufficient_scope", "passport.not_claimed");
    }

    [Fact]
    public async Task Bearer_clients_get_a_Bearer_challenge()
    {
        var request = TestAgent.Request(HttpMethod.Get, Url(), "not-a-jwt", _agent.Proof(HttpMethod.Get, Url()), scheme: "Bearer");
        var refused = await SendAsync(request);
        refused.AssertIs(HttpStatusCode.Unauthorized, "invalid_token", "token.malformed");
        Assert.Single(refused.Challenges);
        Assert.StartsWith("Bearer realm=\"passport\"", refused.Challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_headers_are_never_a_500()
    {
        foreach (var (token, proof) in new[] { ("...", "..."), ("a.b.c", "a.b.c"), ("e30.e30.e30", "e30.e30.e30"), ("%C3%A9", "x"), ("a", new string('.', 100)) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url());
            request.Headers.TryAddWithoutValidation("Authorization", "DPoP " + token);
            request.Headers.TryAddWithoutValidation("DPoP", proof);
            using var response = await stack.Gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
