namespace Passport.Server.Mail;

/// <summary>Delivers claim and owner-action mails: SMTP when configured, the dev outbox otherwise.</summary>
public interface IOwnerMailer
{
    /// <summary>Sends <paramref name="mail"/>.</summary>
    Task SendAsync(OwnerMail mail, CancellationToken cancellationToken);
}
