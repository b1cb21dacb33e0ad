using Microsoft.AspNetCore.Authentication;
using Passport.AspNetCore.Refusals;

namespace Passport.AspNetCore.Tokens;

/// <summary>
/// Step 2 of the request path: the access token. The default (<see cref="SigningKeyTokenVerifier"/>) verifies the EdDSA
/// signature with the registered <see cref="Core.Tokens.ISigningKeyResolver"/>, then <c>iss</c> and <c>aud</c>; the gateway's
/// adds a cache of verified tokens and a JWKS refetch for unknown <c>kid</c>s.
/// </summary>
public interface IPassportTokenVerifier
{
    /// <summary>
    /// Verifies <paramref name="token"/> (a slice of the <c>Authorization</c> header: implementations that cache need not copy it)
    /// against <paramref name="options"/>, for the scheme <paramref name="scheme"/>.
    /// </summary>
    ValueTask<PassportTokenCheck> VerifyAsync(ReadOnlyMemory<char> token, PassportAuthenticationOptions options, string scheme);
}

/// <summary>The outcome of <see cref="IPassportTokenVerifier.VerifyAsync"/>: a ticket whose principal is a <see cref="PassportPrincipal"/>, or a refusal.</summary>
/// <param name="Ticket">The ticket (reusable across requests presenting the same token), or null when refused.</param>
/// <param name="AccessToken">The token as verified (what the proof's <c>ath</c> is checked against), or null when refused.</param>
/// <param name="Refusal">Why the token was refused (from <see cref="RefusalCatalog"/>), or null.</param>
public readonly record struct PassportTokenCheck(AuthenticationTicket? Ticket, string? AccessToken, Refusal? Refusal)
{
    /// <summary>A verified token.</summary>
    public static PassportTokenCheck Accepted(AuthenticationTicket ticket, string accessToken) => new(ticket, accessToken, null);

    /// <summary>A refused token.</summary>
    public static PassportTokenCheck Refused(Refusal refusal) => new(null, null, refusal);
}
