using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authentication;
using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;

namespace Passport.AspNetCore.Tokens;

/// <summary>
/// The default token verifier: Core's <see cref="PassportTokenValidator"/> with the registered <see cref="ISigningKeyResolver"/>
/// (e.g. <see cref="JwksSigningKeys"/> or the IdP's own keys) and the scheme's <c>Issuer</c> and <c>Audiences</c>. No cache:
/// every request verifies the signature once.
/// </summary>
public sealed class SigningKeyTokenVerifier(ISigningKeyResolver keys) : IPassportTokenVerifier
{
    // One validator per options instance (options are cached per scheme by IOptionsMonitor).
    private readonly ConditionalWeakTable<PassportAuthenticationOptions, PassportTokenValidator> _validators = [];

    /// <inheritdoc />
    public ValueTask<PassportTokenCheck> VerifyAsync(ReadOnlyMemory<char> token, PassportAuthenticationOptions options, string scheme)
    {
        var validator = _validators.GetValue(options, o => new PassportTokenValidator(
            new PassportTokenValidationOptions { Issuer = o.Issuer!, Audiences = o.Audiences.ToHashSet(StringComparer.Ordinal) }, keys));
        var accessToken = token.ToString();
        var result = validator.Validate(accessToken);
        if (!result.Succeeded) return ValueTask.FromResult(PassportTokenCheck.Refused(RefusalCatalog.ForToken(result.Error)));
        var ticket = new AuthenticationTicket(new PassportPrincipal(result.Claims!, scheme), scheme);
        return ValueTask.FromResult(PassportTokenCheck.Accepted(ticket, accessToken));
    }
}
