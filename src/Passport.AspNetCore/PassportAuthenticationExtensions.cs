using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Passport.AspNetCore.Dpop;
using Passport.AspNetCore.Replay;
using Passport.AspNetCore.Status;
using Passport.AspNetCore.Tokens;

namespace Passport.AspNetCore;

/// <summary><c>AddAuthentication().AddPassport(o => …)</c>: registers the Passport scheme and the defaults of its host services.</summary>
public static class PassportAuthenticationExtensions
{
    /// <summary>Adds the scheme <see cref="PassportAuthenticationDefaults.AuthenticationScheme"/>.</summary>
    public static AuthenticationBuilder AddPassport(this AuthenticationBuilder builder, Action<PassportAuthenticationOptions>? configure = null) =>
        builder.AddPassport(PassportAuthenticationDefaults.AuthenticationScheme, configure);

    /// <summary>
    /// Adds a Passport scheme named <paramref name="scheme"/>. Services the host has not registered get their defaults:
    /// <see cref="SigningKeyTokenVerifier"/> (needs an <see cref="Core.Tokens.ISigningKeyResolver"/>), <see cref="TokenStatusSource"/>,
    /// <see cref="MemoryReplayStore"/>, <see cref="NoDpopNonces"/>, <see cref="NoPassportMetrics"/>. Options are validated at start.
    /// </summary>
    public static AuthenticationBuilder AddPassport(this AuthenticationBuilder builder, string scheme, Action<PassportAuthenticationOptions>? configure)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPassportTokenVerifier, SigningKeyTokenVerifier>();
        services.TryAddSingleton<IPassportStatusSource, TokenStatusSource>();
        services.TryAddSingleton<IReplayStore>(sp => new MemoryReplayStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDpopNoncePolicy, NoDpopNonces>();
        services.TryAddSingleton<IPassportAuthenticationMetrics, NoPassportMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PassportAuthenticationOptions>, PassportAuthenticationOptionsValidator>());
        services.AddOptions<PassportAuthenticationOptions>(scheme).ValidateOnStart();
        return builder.AddScheme<PassportAuthenticationOptions, PassportAuthenticationHandler>(scheme, PassportAuthenticationDefaults.DisplayName, configure);
    }
}
