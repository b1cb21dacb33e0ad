using Microsoft.Extensions.Options;
using Passport.AspNetCore;
using Passport.AspNetCore.Status;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Signing;

namespace Passport.Server.Authentication;

/// <summary>
/// The IdP's protected endpoints use the package's Passport scheme (the gateway's verifier): tokens verified with the
/// IdP's own signing keys, <c>aud</c> = the issuer, htu = issuer + path, status from the database (<see cref="IdpStatusSource"/>),
/// replay in memory (one IdP instance; a shared Redis replay store is a documented follow-up).
/// </summary>
internal static class IdpAuthentication
{
    /// <summary>The authorization policy of protected endpoints: authenticated by the Passport scheme.</summary>
    public const string Policy = "passport";

    public static IServiceCollection AddIdpAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ISigningKeyResolver>(sp => sp.GetRequiredService<ServerSigningKeys>().Resolver);
        services.AddSingleton<IPassportStatusSource, IdpStatusSource>();
        services.AddAuthentication().AddPassport();
        services.AddOptions<PassportAuthenticationOptions>(PassportAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<PassportServerOptions>>((scheme, server) =>
            {
                var o = server.Value;
                scheme.Issuer = o.IssuerOrigin;
                scheme.Audiences = [o.IssuerOrigin];
                scheme.PublicOrigin = o.IssuerOrigin;
                scheme.ProofIssuedAtWindowSeconds = o.ProofWindowSeconds;
                scheme.ResourceMetadataUrl = o.Url(PassportAuthenticationDefaults.ResourceMetadataPath);
            });
        services.AddAuthorization(options => options.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(PassportAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()));
        return services;
    }
}
