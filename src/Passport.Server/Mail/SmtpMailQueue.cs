using System.Threading.Channels;
using Passport.Server.Problems;

namespace Passport.Server.Mail;

/// <summary>A mail waiting for SMTP delivery; retried until <paramref name="RetryUntil"/>.</summary>
internal sealed record QueuedMail(OwnerMail Mail, DateTimeOffset RetryUntil);

/// <summary>
/// The <see cref="IOwnerMailer"/> when SMTP is configured: queues the mail in memory and returns at once, so an SMTP
/// outage never fails the action that sent it (the claim token or owner link is already stored);
/// <see cref="SmtpDeliveryService"/> delivers and retries. Only a full queue is reported to the caller:
/// 503 <c>mail.unavailable</c>.
/// </summary>
internal sealed partial class SmtpMailQueue(TimeProvider time, ILogger<SmtpMailQueue> logger) : IOwnerMailer
{
    /// <summary>Most mails waiting at once; beyond it <see cref="SendAsync"/> refuses (memory stays bounded during a long outage).</summary>
    public const int Capacity = 10_000;

    /// <summary>How long a mail without <see cref="OwnerMail.ExpiresAt"/> is retried.</summary>
    public static readonly TimeSpan DefaultRetryWindow = TimeSpan.FromHours(1);

    private readonly Channel<QueuedMail> _channel = Channel.CreateBounded<QueuedMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The mails waiting, oldest first.</summary>
    public ChannelReader<QueuedMail> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="mail"/>; throws 503 <c>mail.unavailable</c> when the queue is full.</summary>
    public Task SendAsync(OwnerMail mail, CancellationToken cancellationToken)
    {
        var retryUntil = mail.ExpiresAt ?? time.GetUtcNow() + DefaultRetryWindow;
        if (!_channel.Writer.TryWrite(new QueuedMail(mail, retryUntil)))
        {
            LogQueueFull(logger, Capacity);
            throw new ApiProblem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.MailUnavailable,
                "Mail cannot be sent at the moment; try again later.");
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "The SMTP queue is full ({Capacity} mails); a mail was refused")]
    private static partial void LogQueueFull(ILogger logger, int capacity);
}
