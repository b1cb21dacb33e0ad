namespace Passport.Agent;

/// <summary>The owner actions of the contract (<c>POST /auth/owner/request</c> <c>action</c>).</summary>
public static class OwnerActions
{
    /// <summary>Move the handle to a new DID.</summary>
    public const string Rotate = "rotate";
    /// <summary>Revoke the Passport record.</summary>
    public const string Revoke = "revoke";
    /// <summary>Grant a delegation to an actor.</summary>
    public const string Delegate = "delegate";
}

/// <summary>The proof of a rotation approval: the new key's signature over a challenge nonce for the new DID.</summary>
/// <param name="Nonce">The challenge nonce (lowercase hex) obtained for the new DID.</param>
/// <param name="Signature">base64url Ed25519 signature of the 32 raw nonce bytes by the new key.</param>
public sealed record OwnerApprovalProof(string Nonce, string Signature);
