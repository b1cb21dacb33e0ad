namespace Passport.Core.Dpop;

/// <summary>
/// The outcome of <see cref="DpopProofValidator.Validate"/>. On success it carries what the caller must record for
/// replay detection — (<see cref="Jkt"/>, <see cref="Jti"/>) until <see cref="IssuedAt"/> + window — since Core keeps no state.
/// </summary>
public readonly struct DpopProofResult
{
    private DpopProofResult(DpopErrorCode error, string? jkt, string? jti, long issuedAt, string? nonce)
    {
        Error = error;
        Jkt = jkt;
        Jti = jti;
        IssuedAt = issuedAt;
        Nonce = nonce;
    }

    /// <summary>The failed check, or <see cref="DpopErrorCode.None"/>.</summary>
    public DpopErrorCode Error { get; }

    /// <summary>True when the proof passed every check.</summary>
    public bool Succeeded => Error == DpopErrorCode.None;

    /// <summary>The RFC 7638 thumbprint of the proof key (base64url).</summary>
    public string? Jkt { get; }

    /// <summary>The proof's unique identifier.</summary>
    public string? Jti { get; }

    /// <summary>The proof's <c>iat</c>, in seconds since the Unix epoch.</summary>
    public long IssuedAt { get; }

    /// <summary>The proof's <c>nonce</c> claim, when present.</summary>
    public string? Nonce { get; }

    /// <summary>The stable code of <see cref="Error"/>, e.g. <c>dpop.htu_mismatch</c>.</summary>
    public string Code => DpopErrors.Code(Error);

    /// <summary>A client-safe description of <see cref="Error"/>.</summary>
    public string Description => DpopErrors.Describe(Error);

    internal static DpopProofResult Fail(DpopErrorCode error) => new(error, null, null, 0, null);

    internal static DpopProofResult Success(string jkt, string jti, long issuedAt, string? nonce) =>
        new(DpopErrorCode.None, jkt, jti, issuedAt, nonce);
}
