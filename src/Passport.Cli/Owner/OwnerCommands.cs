using System.CommandLine;
using Passport.Agent;

namespace Passport.Cli;

/// <summary><c>rotate</c>, <c>revoke</c>, <c>outbox</c>: actions the human owner approves through an emailed single-use link.</summary>
internal static class OwnerCommands
{
    private static Option<string?> LinkOption() => new("--link") { Description = "The approval link (or its token) from the owner's email." };

    private static Option<bool> FromOutboxOption() => new("--from-outbox") { Description = "Development only: approve with the newest link in the IdP's /dev/outbox." };

    public static Command Rotate(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var link = LinkOption();
        var fromOutbox = FromOutboxOption();
        var command = new Command("rotate", "Move your handle to a new key. Without --link: generate the key and ask the owner;\n" +
            "with --link: finish with the owner's approval link. Examples: passport rotate; passport rotate --link '<url>';\n" +
            "passport rotate --from-outbox (development IdP: both steps at once)") { link, fromOutbox };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: true, null, ct);
            var oldDid = client.Identity!.Did.Value;
            var pending = context.Store.LoadPendingRotation();
            var approval = parse.GetValue(link);
            if (approval is null || pending is null)
            {
                if (approval is not null)
                {
                    throw new PassportAgentException(AgentErrorCodes.RotationNotPending, "No rotation is pending; run `passport rotate` first, then approve with --link.");
                }
                pending = await client.RequestRotationAsync(ct);
                if (!parse.GetValue(fromOutbox))
                {
                    context.Write(new { status = "requested", newDid = pending.Did.Value },
                        $"rotation to {pending.Did.Value} requested; the owner was emailed a link.", "finish with: passport rotate --link '<link from the email>'");
                    return ExitCodes.Ok;
                }
                approval = await NewestApprovalAsync(client, ct);
            }
            var rotated = await client.CompleteRotationAsync(pending, approval, ct);
            context.Write(new { status = "rotated", handle = rotated.Handle, oldDid, did = rotated.Did.Value },
                $"rotated {rotated.Handle}: {oldDid} -> {rotated.Did.Value}", "stored tokens were cleared; run `passport login` again.");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Revoke(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var handle = new Option<string?>("--handle") { Description = "The handle to revoke (default: yours)." };
        var link = LinkOption();
        var fromOutbox = FromOutboxOption();
        var command = new Command("revoke", "Revoke a Passport record: ask the owner, or approve with --link.\n" +
            "Examples: passport revoke; passport revoke --link '<url>'; passport revoke --from-outbox (development IdP)") { handle, link, fromOutbox };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: false, null, ct);
            var approval = parse.GetValue(link);
            if (approval is null)
            {
                var target = parse.GetValue(handle) ?? client.Identity?.Handle ?? throw new PassportAgentException(AgentErrorCodes.IdentityNotRegistered,
                    "No handle: pass --handle or register this identity first.");
                await client.RequestOwnerActionAsync(target, OwnerActions.Revoke, cancellationToken: ct);
                if (!parse.GetValue(fromOutbox))
                {
                    context.Write(new { status = "requested", handle = target },
                        $"revocation of {target} requested; the owner was emailed a link.", "finish with: passport revoke --link '<link from the email>'");
                    return ExitCodes.Ok;
                }
                approval = await NewestApprovalAsync(client, ct);
            }
            var result = await client.ApproveOwnerActionAsync(approval, null, ct);
            // Stored tokens are kept on purpose: the approver is usually not the agent, and a revoked token is refused by
            // every verifier anyway (which `passport call` then shows).
            context.Write(result, $"{result.Action} approved: {result.Handle} is {result.Status ?? "revoked"}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Outbox(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var issuer = new Option<string?>("--issuer") { Description = "The IdP URL (default: the identity's issuer)." };
        var showLinks = new Option<bool>("--show-links") { Description = "Also print the links (they contain single-use secrets)." };
        var command = new Command("outbox", "Development only: list the mails of a development IdP (GET /dev/outbox).\nExample: passport outbox --show-links") { issuer, showLinks };
        command.SetHandler(globals, output, error, async (context, parse, ct) =>
        {
            var client = await context.ClientAsync(needIdentity: false, parse.GetValue(issuer), ct);
            var messages = await client.GetDevOutboxAsync(ct);
            var show = parse.GetValue(showLinks);
            var shown = messages.Select(m => new { m.Id, m.To, m.Subject, m.SentAt, links = show ? m.Links : m.Links.Select(Describe).ToList() }).ToList();
            context.Write(new { messages = shown }, shown.Count == 0
                ? ["outbox is empty"]
                : shown.Select(m => $"{m.Id}  {m.SentAt:u}  to {m.To}  \"{m.Subject}\"  {string.Join(' ', m.links)}").ToArray());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) + "?token=…" : "(link)";

    private static async Task<string> NewestApprovalAsync(PassportClient client, CancellationToken cancellationToken) =>
        OwnerLink.FindNewest(await client.GetDevOutboxAsync(cancellationToken), OwnerLink.ApprovePath)
        ?? throw new PassportAgentException(AgentErrorCodes.ArgumentInvalid, "The dev outbox holds no approval link.");
}
