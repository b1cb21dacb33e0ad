using Microsoft.AspNetCore.Authentication;
using Passport.Gateway.Authentication;
using PassportAuthenticationDefaults = Passport.AspNetCore.PassportAuthenticationDefaults;

namespace Passport.Gateway.Tokens;

/// <summary>A verified token: its principal and ticket, reused on every request that presents the same token.</summary>
internal sealed class CachedToken
{
    private long _lastUsed;

    public CachedToken(PassportPrincipal principal, string keyId, string accessToken, long now, long expiredFrom = long.MaxValue)
    {
        ExpiredFrom = expiredFrom;
        AccessToken = accessToken;
        Principal = principal;
        KeyId = keyId;
        Ticket = new AuthenticationTicket(principal, PassportAuthenticationDefaults.AuthenticationScheme);
        _lastUsed = now;
        // Not yet passed by the clock hand: a new entry gets its second chance like a used one.
        PassedByHand = now - 1;
    }

    public PassportPrincipal Principal { get; }

    /// <summary>
    /// The token as verified: what the proof's <c>ath</c> is checked against on a hit (its SHA-256 is the key), so a
    /// hit needs no copy of the token out of the <c>Authorization</c> header.
    /// </summary>
    public string AccessToken { get; }

    public AuthenticationTicket Ticket { get; }

    /// <summary>The <c>kid</c> that verified it; a hit is honoured only while that key is still in the JWKS.</summary>
    public string KeyId { get; }

    /// <summary>The keys of the <c>Passport:Issuers</c> entry that verified it; null for the Passport IdP's tokens.</summary>
    public Issuers.IssuerKeySource? Issuer { get; init; }

    /// <summary>
    /// Unix seconds from which the token is expired (its <c>exp</c> plus the validator's clock skew, the same rule as
    /// <c>PassportTokenValidator</c>); <see cref="long.MaxValue"/> for a token without <c>exp</c>. The cache never serves
    /// the entry from then on, so the miss re-validates and refuses with <c>token.expired</c> like an uncached token.
    /// </summary>
    public long ExpiredFrom { get; }

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch(long now) => Volatile.Write(ref _lastUsed, now);

    /// <summary>The cache's key of this entry and its place in the cache's clock ring; set by <see cref="TokenCache"/> under its lock.</summary>
    internal TokenHash Key { get; set; }

    /// <inheritdoc cref="Key"/>
    internal int Slot { get; set; } = -1;

    /// <summary>
    /// When the clock hand last passed it (<see cref="TokenCache"/>, under its lock): used since then
    /// (<see cref="LastUsed"/> later) means a second chance, so a hit writes nothing but <see cref="LastUsed"/>.
    /// </summary>
    internal long PassedByHand { get; set; }
}
