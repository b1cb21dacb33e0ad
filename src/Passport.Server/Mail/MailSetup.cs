using Microsoft.Extensions.Options;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>Registers the owner mailer: the SMTP queue and its sender when <c>Passport:Smtp:Host</c> is set, the dev outbox otherwise.</summary>
internal static class MailSetup
{
    public static IServiceCollection AddPassportMail(this IServiceCollection services)
    {
        services.AddSingleton<DevOutboxMailer>();
        services.AddSingleton<SmtpMailQueue>();
        services.AddSingleton<SmtpTransport>();
        // Always registered: configuration is only final when the host is built; the sender returns at once without a Host.
        services.AddHostedService<SmtpDeliveryService>();
        services.AddSingleton<IOwnerMailer>(sp => sp.GetRequiredService<IOptions<PassportServerOptions>>().Value.Smtp.Host is { Length: > 0 }
            ? sp.GetRequiredService<SmtpMailQueue>()
            : sp.GetRequiredService<DevOutboxMailer>());
        return services;
    }
}
