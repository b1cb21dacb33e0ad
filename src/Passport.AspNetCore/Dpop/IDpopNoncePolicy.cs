namespace Passport.AspNetCore.Dpop;

/// <summary>
/// Server-provided DPoP nonces (RFC 9449 §8). The default, <see cref="NoDpopNonces"/>, requires none; the gateway's
/// rotating nonces implement this when <c>Dpop:Nonce:Enabled</c>.
/// </summary>
public interface IDpopNoncePolicy
{
    /// <summary>True when proofs must carry a nonce this policy accepts.</summary>
    bool Enabled { get; }

    /// <summary>The nonce to send in <c>DPoP-Nonce</c> with a <c>use_dpop_nonce</c> challenge.</summary>
    string Current { get; }

    /// <summary>True when <paramref name="nonce"/> (the proof's <c>nonce</c> claim, or null) is acceptable now.</summary>
    bool IsAcceptable(string? nonce);
}

/// <summary>The default nonce policy: no nonce is required.</summary>
public sealed class NoDpopNonces : IDpopNoncePolicy
{
    /// <inheritdoc />
    public bool Enabled => false;

    /// <inheritdoc />
    public string Current => "";

    /// <inheritdoc />
    public bool IsAcceptable(string? nonce) => true;
}
