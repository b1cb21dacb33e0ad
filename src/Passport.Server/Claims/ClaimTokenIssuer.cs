using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Mail;
using Passport.Server.Problems;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.Claims;

/// <summary>Creates a claim token (hash stored, 24 h TTL) and mails the owner the <c>/claim?token=</c> link.</summary>
internal sealed partial class ClaimTokenIssuer(IClaimTokenStore store, IOwnerMailer mailer, IOptions<PassportServerOptions> options,
    TimeProvider time, ILogger<ClaimTokenIssuer> logger)
{
    public async Task SendAsync(string handle, string ownerEmail, CancellationToken cancellationToken)
    {
        var (token, hash) = SingleUseSecret.Create();
        var expiresAt = time.GetUtcNow().AddHours(options.Value.ClaimTokenTtlHours);
        await store.CreateAsync(hash, handle, expiresAt);
        var link = options.Value.Url("/claim?token=" + token);
        var body = $"""
            An agent registered with Passport named you as its owner.

            Handle: {handle}

            Claim it (the link works once, until {expiresAt:u}):
            {link}

            If you did not expect this, ignore this mail.
            """;
        try
        {
            await mailer.SendAsync(new OwnerMail(ownerEmail, $"Claim your agent {handle}", body, [link], expiresAt), cancellationToken);
        }
        // The record and its claim token exist either way: the dev outbox could not write its file, or the SMTP queue is full.
        catch (Exception e) when (e is IOException or ApiProblem)
        {
            LogMailFailed(logger, e, handle);
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Could not deliver the claim mail of {Handle}")]
    private static partial void LogMailFailed(ILogger logger, Exception exception, string handle);
}
