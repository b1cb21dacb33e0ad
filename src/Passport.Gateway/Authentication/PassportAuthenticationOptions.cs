using Microsoft.AspNetCore.Authentication;

namespace Passport.Gateway.Authentication;

/// <summary>Options of the Passport authentication scheme. The policy itself lives in the <c>Passport</c> configuration section.</summary>
public sealed class PassportAuthenticationOptions : AuthenticationSchemeOptions
{
}
