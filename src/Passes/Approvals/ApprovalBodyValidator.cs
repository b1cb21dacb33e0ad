using System.Security.Cryptography;
using System.Text;

namespace Passes;

/// <summary>
/// Checks an <see cref="ApprovalBody"/> (already signature-verified) against what the requester sent: topic,
/// request hash, nonce, origin (all exact, ordinal) and a time window on <see cref="ApprovalBody.IssuedAt"/>.
/// Nonce single-use is the caller's job: remember accepted nonces until they expire.
/// </summary>
public sealed class ApprovalBodyValidator
{
    private readonly TimeProvider _time;

    /// <summary>Creates a validator.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="maxAge">How old an approval may be.</param>
    /// <param name="maxClockSkew">How far in the future an approval's issue time may be.</param>
    public ApprovalBodyValidator(TimeProvider time, TimeSpan maxAge, TimeSpan maxClockSkew)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClockSkew, TimeSpan.Zero);
        _time = time;
        MaxAge = maxAge;
        MaxClockSkew = maxClockSkew;
    }

    /// <summary>How old an approval may be.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>How far in the future an approval's issue time may be.</summary>
    public TimeSpan MaxClockSkew { get; }

    /// <summary>Checks a body against the expectation; the first failing check is reported.</summary>
    /// <param name="body">The verified approval body.</param>
    /// <param name="expected">What the requester sent.</param>
    /// <returns>The outcome.</returns>
    public ApprovalValidationResult Validate(ApprovalBody body, ApprovalExpectation expected)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(expected);

        if (!string.Equals(body.Topic, expected.Topic, StringComparison.Ordinal))
        {
            return new(ApprovalFailure.TopicMismatch);
        }

        if (!FixedTimeEquals(body.RequestHash, expected.RequestHash))
        {
            return new(ApprovalFailure.RequestHashMismatch);
        }

        if (!FixedTimeEquals(body.Nonce, expected.Nonce))
        {
            return new(ApprovalFailure.NonceMismatch);
        }

        if (!string.Equals(body.Origin, expected.Origin, StringComparison.Ordinal))
        {
            return new(ApprovalFailure.OriginMismatch);
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (body.IssuedAt > now && body.IssuedAt - now > (long)MaxClockSkew.TotalSeconds)
        {
            return new(ApprovalFailure.IssuedInFuture);
        }

        if (body.IssuedAt < now && now - body.IssuedAt > (long)MaxAge.TotalSeconds)
        {
            return new(ApprovalFailure.Expired);
        }

        return ApprovalValidationResult.Valid;
    }

    /// <summary>Decodes a verified signed result as an <see cref="ApprovalBody"/> and validates it.</summary>
    /// <param name="verified">The output of <see cref="SignedResultVerifier.Verify"/>.</param>
    /// <param name="expected">What the requester sent.</param>
    /// <param name="body">The decoded approval body.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="PassesFormatException">The body is not a valid approval body.</exception>
    public ApprovalValidationResult Validate(VerifiedSignedResult verified, ApprovalExpectation expected, out ApprovalBody body)
    {
        ArgumentNullException.ThrowIfNull(verified);
        body = verified.DecodeBody(ApprovalBody.Codec);
        return Validate(body, expected);
    }

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
