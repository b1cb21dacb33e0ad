using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tests.Support;
using Passport.Core.Tokens;

namespace Passport.Core.Tests.Tokens;

/// <summary>A server key, an agent DID, a lean validator and builders for valid and crafted tokens.</summary>
internal sealed class TokenTestContext : IDisposable
{
    public const string Issuer = "https://passport.domain";
    public const string Audience = "https://resource-server.com";
    public const string KeyId = "passport-v1";

    public TokenTestContext()
    {
        Server = TestKeys.Other();
        Agent = TestKeys.Rfc();
        AgentDid = DidKey.FromPublicKey(Agent.PublicKey);
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
        Validator = new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = Issuer, Audiences = [Audience, "https://other-rs.test"] },
            JwksSigningKeys.FromKeys([(KeyId, Server.PublicKey)]),
            Time);
    }

    /// <summary>The fake clock's time: the seed tokens' iat.</summary>
    public const long Now = 1716400000;

    /// <summary>The validator's clock (for exp/nbf).</summary>
    public FakeTimeProvider Time { get; }

    public Ed25519KeyPair Server { get; }
    public Ed25519KeyPair Agent { get; }
    public DidKey AgentDid { get; }
    public PassportTokenValidator Validator { get; }

    /// <summary>The self-identity token example of seeds/004, with a real DID and thumbprint.</summary>
    public PassportTokenClaims SelfClaims => new()
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = AgentDid.Value,
        JwtId = "550e8400-e29b-41d4-a716-446655440000",
        IssuedAt = Now,
        Handle = "swiftly-golden-fox",
        Status = "CLAIMED",
        Name = "My Research Agent",
        Jkt = AgentDid.Thumbprint,
    };

    /// <summary>The delegation token example of seeds/004 (act, scope array, grant_id).</summary>
    public PassportTokenClaims DelegationClaims => SelfClaims with
    {
        Subject = DidKey.FromPublicKey(Server.PublicKey).Value,
        JwtId = "660e8400-f31c-52e5-b827-557766551111",
        Handle = "quietly-brave-crane",
        Name = "Principal Agent",
        Actor = new PassportActor(AgentDid.Value, "swiftly-golden-fox"),
        Scope = ["read:data", "tool:bash"],
        GrantId = "grant-1",
    };

    public string Issue(PassportTokenClaims claims) => new PassportTokenIssuer(Server, KeyId).Issue(claims);

    public JsonObject Header() => new() { ["alg"] = "EdDSA", ["kid"] = KeyId, ["typ"] = "JWT" };

    public JsonObject Payload() => JsonNode.Parse(PassportTokenIssuer.ToJson(SelfClaims))!.AsObject();

    /// <summary>A token with the given header and payload, signed by the server key (or <paramref name="signer"/>).</summary>
    public string Craft(JsonObject header, JsonObject payload, Ed25519KeyPair? signer = null) => Jws.Sign(signer ?? Server, header, payload);

    public string CraftPayload(Action<JsonObject> edit)
    {
        var payload = Payload();
        edit(payload);
        return Craft(Header(), payload);
    }

    public string CraftHeader(Action<JsonObject> edit)
    {
        var header = Header();
        edit(header);
        return Craft(header, Payload());
    }

    public void Dispose()
    {
        Server.Dispose();
        Agent.Dispose();
    }
}
