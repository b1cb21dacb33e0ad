using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Mail;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.Owner;

/// <summary>Creates a single-use owner link (hash stored, 15-minute TTL) and mails <c>{issuer}/owner/approve?token=…</c> to the owner.</summary>
internal sealed class OwnerLinkIssuer(IOwnerLinkStore links, IOwnerMailer mailer, IOptions<PassportServerOptions> options, TimeProvider time)
{
    /// <summary>Mails the link; <paramref name="grantId"/> names the grant of an <c>ungrant</c> (whose actor and scope are passed for display).</summary>
    public async Task SendAsync(PassportRecord record, string action, string? newDid, string? actor, IReadOnlyList<string>? scope, CancellationToken cancellationToken,
        string? grantId = null)
    {
        var (token, hash) = SingleUseSecret.Create();
        var expiresAt = time.GetUtcNow().AddMinutes(options.Value.OwnerLinkTtlMinutes);
        await links.CreateAsync(new OwnerLink(hash, record.Handle, action, newDid, actor, scope, expiresAt, grantId));
        var link = options.Value.Url("/owner/approve?token=" + token);
        var what = OwnerApprovalPage.Describe(action, record.Handle, newDid, actor, scope, grantId);
        var body = $"""
            Someone asked to {what}.

            Approve or reject it here (the link works once, until {expiresAt:u}):
            {link}

            If you did not ask for this, ignore this mail: nothing changes.
            """;
        await mailer.SendAsync(new OwnerMail(record.OwnerEmail!, $"Passport: approve {action} of {record.Handle}", body, [link], expiresAt), cancellationToken);
    }
}
