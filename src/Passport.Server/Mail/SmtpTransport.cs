using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>Delivers one message through MailKit: connect (TLS per <see cref="SmtpSettings.Resolve"/>), authenticate when configured, send, quit.</summary>
internal sealed class SmtpTransport(IOptions<PassportServerOptions> options)
{
    private readonly Lazy<X509Certificate2?> _trustAnchor = new(() =>
        options.Value.Smtp.ServerCertificatePath is { Length: > 0 } path ? X509CertificateLoader.LoadCertificateFromFile(path) : null);

    /// <summary>Sends <paramref name="message"/>; throws MailKit's, socket or TLS exceptions on failure (the caller decides whether to retry).</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        // One connection per mail: owner mails are few, and a fresh connection never inherits a broken session.
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        if (_trustAnchor.Value is { } anchor) client.ServerCertificateValidationCallback = (_, certificate, chain, errors) => Trusted(anchor, certificate, chain, errors);
        await client.ConnectAsync(smtp.Host!, smtp.Port, SmtpSettings.Resolve(smtp), cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// With <c>Smtp:ServerCertificatePath</c> the server's chain must end at that certificate (private CA or the server's
    /// own self-signed one) instead of the system store; the host name must match either way.
    /// </summary>
    private static bool Trusted(X509Certificate2 anchor, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.Add(anchor);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }
}
