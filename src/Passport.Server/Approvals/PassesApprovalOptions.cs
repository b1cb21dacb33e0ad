namespace Passport.Server.Approvals;

/// <summary>The <c>Passport:Passes</c> section: owner approvals through Pass Requests (docs/passes-topics.md).</summary>
public sealed class PassesApprovalOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Passport:Passes";

    /// <summary>
    /// The Pass Provider page the owner page offers by default (absolute http/https URL, its own origin, e.g.
    /// <c>https://passes.example.com/</c>). The owner may type another one; it is kept in their browser.
    /// </summary>
    public string? ProviderUrl { get; set; }

    /// <summary>How old a signed approval may be when it reaches the IdP, in seconds. Default 300.</summary>
    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>How far in the future an approval's <c>issuedAt</c> may be, in seconds. Default 60.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>How long a Pass Request issued by the IdP can be answered, in seconds (never past its owner link). Default 600.</summary>
    public int RequestTtlSeconds { get; set; } = 600;

    /// <summary>
    /// How long a key recovery waits before the new owner key replaces the bound one, in hours (1–720). Default 72.
    /// During the wait the bound key can veto it (<c>org.passport.veto-recovery</c>; docs/owner.md).
    /// </summary>
    public int RecoveryWaitHours { get; set; } = 72;
}
