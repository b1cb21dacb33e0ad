namespace Passport.Agent;

/// <summary>How an agent obtains its own (self) token from the IdP.</summary>
public enum PassportTokenGrant
{
    /// <summary>The seeds/004 challenge flow: <c>POST /auth/challenge</c>, Ed25519 signature over the nonce, <c>POST /auth/token</c> (JSON).</summary>
    Challenge,

    /// <summary>
    /// OAuth <c>client_credentials</c> (RFC 6749 §4.4) with <c>private_key_jwt</c> client authentication (RFC 7523 §2.2):
    /// the DID is the <c>client_id</c>, the assertion is signed by the agent's key, and the DPoP proof binds the token
    /// to the same key (RFC 9449 §5). One round trip instead of two.
    /// </summary>
    ClientCredentials,
}
