using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Passport.Server.Configuration;

namespace Passport.Server.Mail;

/// <summary>
/// Delivers the mails of <see cref="SmtpMailQueue"/> in order. A failed attempt (server down, timeout, TLS or AUTH
/// failure, 4xx) is retried after 1 s, doubling up to 30 s, until the link in the mail expires (or one hour for a mail
/// without one); a 5xx refusal of the sender, a recipient or the message is final. Logs name the mail's subject,
/// never its body or links (they carry single-use secrets) nor the SMTP password.
/// </summary>
internal sealed partial class SmtpDeliveryService(SmtpMailQueue queue, SmtpTransport transport, IOptions<PassportServerOptions> options,
    TimeProvider time, ILogger<SmtpDeliveryService> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(options.Value.Smtp.Host)) return;
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken)) await DeliverAsync(item, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The queue lives in memory: say how many mails a stop loses (their links stay valid; owners ask again).
            if (queue.Reader.Count > 0) LogUnsentAtStop(logger, queue.Reader.Count);
        }
    }

    private async Task DeliverAsync(QueuedMail item, CancellationToken stoppingToken)
    {
        var mail = item.Mail;
        MimeMessage message;
        try
        {
            message = Compose(options.Value.Smtp.From, mail);
        }
        catch (ParseException)
        {
            LogRefused(logger, mail.Subject, "the recipient address cannot be parsed");
            return;
        }
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await transport.SendAsync(message, stoppingToken);
                if (attempt > 1) LogDeliveredAfterRetry(logger, mail.Subject, attempt);
                return;
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.UnexpectedStatusCode)
            {
                LogRefused(logger, mail.Subject, $"{(int)e.StatusCode} {e.ErrorCode}");
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() + delay > item.RetryUntil)
                {
                    LogGaveUp(logger, e, mail.Subject, attempt);
                    return;
                }
                LogRetrying(logger, mail.Subject, attempt, e.GetType().Name, e.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
                delay = delay * 2 > MaxRetry ? MaxRetry : delay * 2;
            }
        }
    }

    private static MimeMessage Compose(string from, OwnerMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, Body = new TextPart("plain") { Text = mail.Body } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "SMTP delivery of \"{Subject}\" failed (attempt {Attempt}: {Error}: {Detail}); retrying in {DelaySeconds} s")]
    private static partial void LogRetrying(ILogger logger, string subject, int attempt, string error, string detail, double delaySeconds);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "SMTP delivery of \"{Subject}\" given up after {Attempts} attempts (its link has expired)")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string subject, int attempts);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "SMTP server refused \"{Subject}\" for good: {Reason}")]
    private static partial void LogRefused(ILogger logger, string subject, string reason);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "SMTP delivery of \"{Subject}\" succeeded at attempt {Attempt}")]
    private static partial void LogDeliveredAfterRetry(ILogger logger, string subject, int attempt);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Stopping with {Count} mails not yet delivered")]
    private static partial void LogUnsentAtStop(ILogger logger, int count);
}
