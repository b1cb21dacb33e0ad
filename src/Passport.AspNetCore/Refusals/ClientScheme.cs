namespace Passport.AspNetCore.Refusals;

/// <summary>The Authorization scheme the client used; the challenge answers in the same scheme.</summary>
public enum ClientScheme
{
    /// <summary>No usable Authorization header: challenge with both DPoP and Bearer.</summary>
    None,
    /// <summary><c>Authorization: DPoP</c> (RFC 9449 §7.1).</summary>
    Dpop,
    /// <summary><c>Authorization: Bearer</c> (RFC 6750, as seeds/004 shows).</summary>
    Bearer,
}
