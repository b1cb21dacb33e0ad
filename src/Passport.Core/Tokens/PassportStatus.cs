namespace Passport.Core.Tokens;

/// <summary>The status values of a Passport record (seeds/004 §claim).</summary>
public static class PassportStatus
{
    /// <summary>Registered, no owner has claimed it.</summary>
    public const string Unclaimed = "UNCLAIMED";
    /// <summary>An owner confirmed by email has claimed it.</summary>
    public const string Claimed = "CLAIMED";
    /// <summary>Revoked: every token of the record is refused.</summary>
    public const string Revoked = "REVOKED";
}
