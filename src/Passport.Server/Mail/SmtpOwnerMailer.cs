using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>Sends owner mails through the SMTP server of <c>Passport:Smtp</c>.</summary>
internal sealed class SmtpOwnerMailer(IOptions<PassportServerOptions> options) : IOwnerMailer
{
    public async Task SendAsync(OwnerMail mail, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (smtp.UserName is not null) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var message = new MailMessage(smtp.From, mail.To, mail.Subject, mail.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}
