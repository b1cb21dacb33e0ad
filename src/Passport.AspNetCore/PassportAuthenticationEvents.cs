using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Passport.AspNetCore.Refusals;
using Passport.Core.Tokens;

namespace Passport.AspNetCore;

/// <summary>
/// Hooks of the Passport scheme, for hosts that need them. Unset hooks cost nothing (no context is allocated).
/// </summary>
public class PassportAuthenticationEvents
{
    /// <summary>
    /// After every check passed and the proof was recorded: the host may inspect the caller, or refuse it by setting
    /// <see cref="PassportTokenValidatedContext.Refusal"/>. Default: none.
    /// </summary>
    public Func<PassportTokenValidatedContext, Task>? OnTokenValidated { get; set; }

    /// <summary>When a request is refused (before the challenge or 403 is written), e.g. for audit. Default: none.</summary>
    public Func<PassportRefusedContext, Task>? OnRefused { get; set; }

    /// <summary>Invokes <see cref="OnTokenValidated"/>.</summary>
    public virtual Task TokenValidated(PassportTokenValidatedContext context) => OnTokenValidated?.Invoke(context) ?? Task.CompletedTask;

    /// <summary>Invokes <see cref="OnRefused"/>.</summary>
    public virtual Task Refused(PassportRefusedContext context) => OnRefused?.Invoke(context) ?? Task.CompletedTask;
}

/// <summary>The context of <see cref="PassportAuthenticationEvents.OnTokenValidated"/>.</summary>
public sealed class PassportTokenValidatedContext(HttpContext context, AuthenticationScheme scheme, PassportAuthenticationOptions options, PassportPrincipal principal)
    : BaseContext<PassportAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The authenticated caller.</summary>
    public PassportPrincipal Principal { get; } = principal;

    /// <summary>The verified token claims.</summary>
    public PassportTokenClaims Token => Principal.Token;

    /// <summary>Set to a refusal of <see cref="RefusalCatalog"/> to refuse the request after all.</summary>
    public Refusal? Refusal { get; set; }
}

/// <summary>The context of <see cref="PassportAuthenticationEvents.OnRefused"/>.</summary>
public sealed class PassportRefusedContext(HttpContext context, AuthenticationScheme scheme, PassportAuthenticationOptions options, Refusal refusal)
    : BaseContext<PassportAuthenticationOptions>(context, scheme, options)
{
    /// <summary>The refusal about to be written.</summary>
    public Refusal Refusal { get; } = refusal;
}
