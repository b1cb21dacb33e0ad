using Passport.Core.Dpop;
using Passport.Core.Identity;
using Passport.Core.Keys;
using Passport.Core.Tokens;

namespace Passport.Load.Auth;

/// <summary>A load-test agent: its Ed25519 key, did:key, and a Passport access token bound to the key (<c>cnf.jkt</c>).</summary>
public sealed class Agent : IDisposable
{
    private Agent(Ed25519KeyPair key, string handle, string token)
    {
        Key = key;
        Did = DidKey.FromPublicKey(key.PublicKey).Value;
        Handle = handle;
        Token = token;
    }

    /// <summary>The agent's key.</summary>
    public Ed25519KeyPair Key { get; }

    /// <summary>The agent's DID.</summary>
    public string Did { get; }

    /// <summary>The agent's handle.</summary>
    public string Handle { get; }

    /// <summary>The access token.</summary>
    public string Token { get; }

    /// <summary>The <c>Authorization</c> header value (<c>DPoP &lt;token&gt;</c>, RFC 9449).</summary>
    public string Authorization => "DPoP " + Token;

    /// <summary>Creates a CLAIMED agent with a self token for <paramref name="audience"/>.</summary>
    public static Agent Create(IdpStub idp, string audience, string handle)
    {
        var key = Ed25519KeyPair.Generate();
        var did = DidKey.FromPublicKey(key.PublicKey);
        var token = idp.TokenIssuer.Issue(Claims(idp, audience, did.Value, handle, did.Thumbprint) with { Name = "load " + handle });
        return new Agent(key, handle, token);
    }

    /// <summary>Creates an actor agent holding a delegation token: <c>sub</c> = <paramref name="principal"/>, <c>act</c> = this agent, with <paramref name="scope"/>.</summary>
    public static Agent CreateDelegated(IdpStub idp, string audience, Agent principal, string handle, IReadOnlyList<string> scope)
    {
        var key = Ed25519KeyPair.Generate();
        var did = DidKey.FromPublicKey(key.PublicKey);
        var token = idp.TokenIssuer.Issue(Claims(idp, audience, principal.Did, principal.Handle, did.Thumbprint) with
        {
            Actor = new PassportActor(did.Value, handle),
            Scope = scope,
            GrantId = "grant-" + Guid.NewGuid().ToString("N")[..12],
        });
        return new Agent(key, handle, token);
    }

    // The claims every load-test token shares; the key binding (jkt) is always the presenting agent's.
    private static PassportTokenClaims Claims(IdpStub idp, string audience, string subject, string handle, string jkt) => new()
    {
        Issuer = idp.Issuer,
        Audience = audience,
        Subject = subject,
        JwtId = Guid.NewGuid().ToString("N"),
        IssuedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Jkt = jkt,
        Handle = handle,
        Status = PassportStatus.Claimed,
    };

    /// <summary>A proof pool for GET <paramref name="uri"/> signed by this agent (with <c>ath</c>).</summary>
    public ProofPool Proofs(string uri) => new(time => new Ed25519ProofSigner(new DpopProofFactory(Key, time)), "GET", uri, Token);

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
