using System.Buffers.Text;
using System.Net.Http.Json;
using System.Text;
using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Gateway.Tests.Infrastructure;

/// <summary>An agent in a test: its key, tokens minted by the test issuer, fresh proofs, and requests through the gateway.</summary>
public sealed class TestAgent
{
    public TestAgent(string? handle = null)
    {
        Key = Ed25519KeyPair.Generate();
        Did = DidKey.FromPublicKey(Key.PublicKey).Value;
        Handle = handle ?? "agent-" + Guid.NewGuid().ToString("N")[..8];
        Proofs = new DpopProofFactory(Key);
    }

    public Ed25519KeyPair Key { get; }

    public string Did { get; }

    public string Handle { get; }

    public DpopProofFactory Proofs { get; }

    public string Jkt => Key.PublicJwk.Thumbprint;

    public PassportTokenClaims Claims(TestIssuer issuer, string audience, string status = PassportStatus.Claimed) => new()
    {
        Issuer = issuer.BaseUrl,
        Audience = audience,
        Subject = Did,
        JwtId = Guid.NewGuid().ToString(),
        IssuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Jkt = Jkt,
        Handle = Handle,
        Status = status,
        Name = "Test Agent",
    };

    public string Token(TestIssuer issuer, string audience, string status = PassportStatus.Claimed) => issuer.Issuer.Issue(Claims(issuer, audience, status));

    /// <summary>A delegation token: <paramref name="principal"/> as sub, this agent as act, bound to this agent's key.</summary>
    public string DelegationToken(TestIssuer issuer, string audience, TestAgent principal, string[] scope, string? grantId = null) =>
        issuer.Issuer.Issue(principal.Claims(issuer, audience) with
        {
            Actor = new PassportActor(Did, Handle),
            Scope = scope,
            GrantId = grantId ?? Guid.NewGuid().ToString("N"),
            Jkt = Jkt,
        });

    public string Proof(HttpMethod method, string url, string? token = null) => Proofs.Create(method.Method, url, token);

    public static HttpRequestMessage Request(HttpMethod method, string url, string? token, string? proof, string scheme = "DPoP")
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");
        if (proof is not null) request.Headers.TryAddWithoutValidation("DPoP", proof);
        if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { item = "x" });
        return request;
    }

    /// <summary>Sends one request with a fresh proof for <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(GatewayHost gateway, HttpMethod method, string path, string token, string scheme = "DPoP")
    {
        var url = gateway.BaseUrl + path;
        return await gateway.Client.SendAsync(Request(method, url, token, Proof(method, url), scheme));
    }
}

/// <summary>Hand-made JWS for proofs no honest factory would produce (other algs, typ, jwk with d, missing claims).</summary>
public static class RawJws
{
    public static string Sign(Ed25519KeyPair key, string headerJson, string payloadJson)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        var signature = key.Sign(Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public static string B64(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    public static string Jwk(Ed25519KeyPair key) => $"{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{key.PublicJwk.X}\"}}";

    public static string Payload(string method, string url, long? iat = null, string? jti = "auto") =>
        "{" + (jti is null ? "" : $"\"jti\":\"{(jti == "auto" ? Guid.NewGuid().ToString("N") : jti)}\",") +
        $"\"htm\":\"{method}\",\"htu\":\"{url}\",\"iat\":{iat ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}";
}
