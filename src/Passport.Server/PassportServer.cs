using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Delegation;
using Passport.Server.Dpop;
using Passport.Server.Http;
using Passport.Server.Mail;
using Passport.Server.Owner;
using Passport.Server.OwnerConsole;
using Passport.Server.Revocation;
using Passport.Server.Signing;
using Passport.Server.Storage;
using Passport.Server.Telemetry;
using Passport.Server.Tokens;

namespace Passport.Server;

/// <summary>Builds the Passport identity provider; usable from <c>Program.cs</c>, tests and other hosts.</summary>
public static class PassportServer
{
    /// <summary>
    /// Creates the application: services, options (validated at start), storage with automatic migrations and every
    /// endpoint. <paramref name="configure"/> runs last, so it may add configuration sources or replace services
    /// (e.g. a <see cref="TimeProvider"/>).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });
        AddServices(builder);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapPassportEndpoints();
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();
        services.AddOptions<PassportServerOptions>()
            .BindConfiguration(PassportServerOptions.SectionName)
            .PostConfigure(o => o.DevOutbox ??= isDevelopment)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PassportServerOptions>, PassportServerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SqlDatabase>();
        services.AddSingleton<Health.ReadinessProbe>();
        services.AddSingleton<SqlPassportStore>();
        services.AddSingleton<IRecordStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddSingleton<IChallengeStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddSingleton<IClaimTokenStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddSingleton<IOwnerLinkStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddSingleton<IDelegationStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddSingleton<IRevocationEventStore>(sp => sp.GetRequiredService<SqlPassportStore>());
        services.AddHostedService<StorageMigrator>();

        services.AddSingleton<ServerSigningKeys>();
        services.AddSingleton<RequestProof>();
        services.AddSingleton<AudiencePolicy>();
        services.AddSingleton<TokenMinter>();
        services.AddSingleton<Claims.ClaimTokenIssuer>();
        Authentication.IdpAuthentication.AddIdpAuthentication(services);

        services.AddPassportMail();

        services.AddPassportOwnerFlows();
        services.AddPassportOwnerConsole();
        Approvals.ApprovalsSetup.AddPassportApprovals(services);
        services.AddPassportRevocation();
        services.AddPassportRateLimits();
        services.AddPassportTelemetry();
    }
}
