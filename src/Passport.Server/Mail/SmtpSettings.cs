using MailKit.Security;
using MimeKit;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>Reads <c>Passport:Smtp</c>: the transport security it resolves to, and what is wrong with it (checked at start).</summary>
internal static class SmtpSettings
{
    /// <summary>
    /// The MailKit mode of <see cref="SmtpOptions.Security"/>. <c>Auto</c>: port 465 is implicit TLS (RFC 8314); port 25
    /// without credentials takes STARTTLS when offered, as relays between MTAs do; anything else requires STARTTLS, so
    /// credentials and links never cross the network in clear because a server (or an attacker) left STARTTLS out.
    /// </summary>
    public static SecureSocketOptions Resolve(SmtpOptions smtp) => smtp.Security.ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
        _ when smtp.Port == 465 => SecureSocketOptions.SslOnConnect,
        _ when smtp.Port == 25 && string.IsNullOrEmpty(smtp.UserName) => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>Every problem of the settings, each naming the setting and what would be right.</summary>
    public static IEnumerable<string> Problems(SmtpOptions smtp)
    {
        if (smtp.Port is < 1 or > 65535)
        {
            yield return $"Passport:Smtp:Port must be between 1 and 65535, got {smtp.Port}.";
        }
        if (smtp.Security.ToUpperInvariant() is not ("AUTO" or "NONE" or "STARTTLS" or "SSLONCONNECT"))
        {
            yield return $"Passport:Smtp:Security must be Auto, None, StartTls or SslOnConnect, got '{smtp.Security}'.";
        }
        if (!MailboxAddress.TryParse(smtp.From, out _))
        {
            yield return "Passport:Smtp:From must be a mail address, e.g. passport@example.com.";
        }
        if (!string.IsNullOrEmpty(smtp.UserName) && string.IsNullOrEmpty(smtp.Password))
        {
            yield return "Passport:Smtp:Password is required when Passport:Smtp:UserName is set.";
        }
        if (smtp.TimeoutSeconds is < 1 or > 600)
        {
            yield return $"Passport:Smtp:TimeoutSeconds must be between 1 and 600, got {smtp.TimeoutSeconds}.";
        }
        if (smtp.ServerCertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            yield return $"Passport:Smtp:ServerCertificatePath names no file: '{path}'.";
        }
    }
}
