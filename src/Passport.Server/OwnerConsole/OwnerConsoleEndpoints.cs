using Microsoft.Extensions.Options;
using Passport.Core.Identity;
using Passport.Core.Tokens;
using Passport.Server.Approvals;
using Passport.Server.Configuration;
using Passport.Server.Delegation;
using Passport.Server.Mail;
using Passport.Server.Owner;
using Passport.Server.Problems;
using Passport.Server.Registration;
using Passport.Server.Secrets;
using Passport.Server.Storage;

namespace Passport.Server.OwnerConsole;

/// <summary>
/// The owner console (docs/owner.md): <c>GET /owner</c> (sign-in form or console), <c>POST /owner/sign-in</c> (mails a
/// link), <c>GET /owner/sign-in?token=</c> + <c>POST /owner/sign-in/confirm</c> (uses it, sets the session cookie),
/// <c>POST /owner/sign-out</c>, and <c>POST /owner/agents/{handle}/{revoke|rotate|delegate|recover-key}</c>, which start the
/// existing emailed-approval flow (<see cref="OwnerLinkIssuer"/>) — the console never performs an action itself.
/// </summary>
internal static class OwnerConsoleEndpoints
{
    private const string Html = "text/html; charset=utf-8";

    /// <summary>The notices a redirect back to the console may name (a key, so no text is reflected from the URL).</summary>
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        [OwnerActions.Revoke] = "Revocation requested: approve it with the link we mailed you (or your Pass Provider).",
        [OwnerActions.Rotate] = "Rotation requested: approve it with the link we mailed you, with proof from the new key.",
        [OwnerActions.Delegate] = "Delegation requested: approve it with the link we mailed you (or your Pass Provider).",
        [OwnerActions.Ungrant] = "Ungrant requested: approve it with the link we mailed you (or your Pass Provider).",
        [OwnerActions.RecoverKey] = "Key recovery requested: open the link we mailed you and approve it with the Pass Provider holding your NEW key.",
    };

    public static async Task<IResult> IndexAsync(HttpContext context, OwnerSessionCookie cookie, OwnerConsoleStore store, ApprovalService approvals,
        TimeProvider time)
    {
        NoStore(context);
        var session = await cookie.CurrentAsync(context);
        if (session is null) return Results.Content(OwnerConsolePage.SignInForm(), Html);
        var overview = await store.OverviewAsync(session.Email, time.GetUtcNow());
        // Viewing the console also completes a due recovery (ApprovalService.PendingRecoveryAsync), so the key shown is current.
        var ownerKey = new OwnerKeyState(await approvals.PendingRecoveryAsync(session.Email), await approvals.HasOwnerKeyAsync(session.Email));
        var notice = Notices.GetValueOrDefault(context.Request.Query["requested"].ToString());
        return Results.Content(OwnerConsolePage.Console(session.Email, session.Csrf, overview, notice, ownerKey), Html);
    }

    /// <summary>Mails a sign-in link when the address owns a CLAIMED record; the answer is the same either way (no oracle).</summary>
    public static async Task<IResult> SignInAsync(HttpContext context, OwnerConsoleStore store, IOwnerMailer mailer,
        IOptions<PassportServerOptions> options, TimeProvider time)
    {
        NoStore(context);
        var form = await OwnerForms.ReadAsync(context);
        var email = OwnerForms.Required(form, "email", RegistrationEndpoint.MaxEmailLength);
        var owner = await store.FindOwnerAddressAsync(email);
        if (owner is not null)
        {
            var (token, hash) = SingleUseSecret.Create();
            var expiresAt = time.GetUtcNow().AddMinutes(options.Value.OwnerConsole.SignInLinkTtlMinutes);
            await store.CreateSignInLinkAsync(hash, owner, expiresAt);
            var link = options.Value.Url("/owner/sign-in?token=" + token);
            var body = $"""
                Someone asked to sign in to the Passport owner console as {owner}.

                Sign in here (the link works once, until {expiresAt:u}):
                {link}

                If you did not ask for this, ignore this mail: nobody can sign in without the link.
                """;
            await mailer.SendAsync(new OwnerMail(owner, "Passport: sign in to the owner console", body, [link]), context.RequestAborted);
        }
        return Results.Content(OwnerConsolePage.SignInForm(
            "If this address owns agents, a sign-in link is on its way. Open it in this browser."), Html);
    }

    /// <summary>The page behind the mailed link: a button that uses it (GET never uses it, so link scanners cannot).</summary>
    public static async Task<IResult> SignInLinkAsync(HttpContext context, OwnerConsoleStore store, TimeProvider time)
    {
        NoStore(context);
        var token = context.Request.Query["token"].ToString();
        var state = token.Length is > 0 and <= SingleUseSecret.MaxTokenLength
            ? await store.PeekSignInLinkAsync(SingleUseSecret.Hash(token), time.GetUtcNow())
            : Redemption.Unknown;
        return state == Redemption.Redeemed
            ? Results.Content(OwnerConsolePage.ConfirmSignIn(token), Html)
            : Results.Content(OwnerConsolePage.LinkProblem(Explain(state)), Html, statusCode: StatusCodes.Status400BadRequest);
    }

    public static async Task<IResult> ConfirmSignInAsync(HttpContext context, OwnerConsoleStore store, OwnerSessionCookie cookie, TimeProvider time)
    {
        NoStore(context);
        var form = await OwnerForms.ReadAsync(context);
        var token = OwnerForms.Required(form, "token", SingleUseSecret.MaxTokenLength);
        var (result, email) = await store.RedeemSignInLinkAsync(SingleUseSecret.Hash(token), time.GetUtcNow());
        if (result != Redemption.Redeemed || email is null)
        {
            return Results.Content(OwnerConsolePage.LinkProblem(Explain(result)), Html, statusCode: StatusCodes.Status400BadRequest);
        }
        await cookie.SignInAsync(context, email);
        return SeeOther("/owner");
    }

    public static async Task<IResult> SignOutAsync(HttpContext context, OwnerSessionCookie cookie)
    {
        var (session, _) = await cookie.RequireForPostAsync(context);
        await cookie.SignOutAsync(context, session);
        return SeeOther("/owner");
    }

    /// <summary>
    /// Starts an owner action on one of the signed-in owner's CLAIMED agents through <see cref="OwnerLinkIssuer"/>.
    /// Another owner's handle, or an unknown one, is the same 404 <c>record.not_found</c> (no existence oracle).
    /// </summary>
    public static async Task<IResult> ActionAsync(HttpContext context, string handle, string action, OwnerSessionCookie cookie,
        IRecordStore records, OwnerLinkIssuer issuer)
    {
        var (session, form) = await cookie.RequireForPostAsync(context);
        var record = handle.Length <= Handle.MaxLength && Handle.IsValid(handle) ? await records.FindByHandleAsync(handle) : null;
        if (!OwnerConsoleStore.Owns(record, session.Email)) throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record of yours has this handle.");
        if (record!.Status != PassportStatus.Claimed)
        {
            throw ApiProblem.Conflict(ProblemCodes.OwnerNotClaimed, "Only a CLAIMED record accepts owner actions.");
        }
        string? newDid = null, actor = null;
        IReadOnlyList<string>? scope = null;
        switch (action)
        {
            case OwnerActions.Rotate:
                newDid = RegistrationEndpoint.ParseDid(OwnerForms.Required(form, "newDid", DidKey.MaxLength * 2)).Value;
                if (await records.FindByDidAsync(newDid) is not null) throw ApiProblem.Conflict(ProblemCodes.DidAlreadyRegistered, "newDid is already registered.");
                break;
            case OwnerActions.Delegate:
                actor = OwnerForms.Required(form, "actor", Handle.MaxLength);
                scope = ReadScope(OwnerForms.Required(form, "scope", DelegationService.MaxScopes * (DelegationService.MaxScopeLength + 1)));
                break;
            case OwnerActions.Revoke:
                break;
            default:
                throw ApiProblem.BadRequest(ProblemCodes.OwnerInvalidAction, "action must be 'rotate', 'revoke' or 'delegate'.");
        }
        await issuer.SendAsync(record, action, newDid, actor, scope, context.RequestAborted);
        return SeeOther("/owner?requested=" + action);
    }

    /// <summary>
    /// <c>POST /owner/agents/{handle}/recover-key</c>: mails a <c>recover-key</c> owner link for the owner of one of their
    /// CLAIMED agents. 404 <c>record.not_found</c> for another owner's handle; 409 <c>recovery.no_key</c> /
    /// <c>recovery.pending</c> as <see cref="ApprovalService.EnsureRecoverableAsync"/>.
    /// </summary>
    public static async Task<IResult> RecoverKeyAsync(HttpContext context, string handle, OwnerSessionCookie cookie, IRecordStore records,
        OwnerLinkIssuer issuer, ApprovalService approvals)
    {
        var (session, _) = await cookie.RequireForPostAsync(context);
        var record = handle.Length <= Handle.MaxLength && Handle.IsValid(handle) ? await records.FindByHandleAsync(handle) : null;
        if (!OwnerConsoleStore.Owns(record, session.Email)) throw ApiProblem.NotFound(ProblemCodes.RecordNotFound, "No Passport record of yours has this handle.");
        if (record!.Status != PassportStatus.Claimed) throw ApiProblem.Conflict(ProblemCodes.OwnerNotClaimed, "Only a CLAIMED record accepts owner actions.");
        await approvals.EnsureRecoverableAsync(record);
        await issuer.SendAsync(record, OwnerActions.RecoverKey, null, null, null, context.RequestAborted);
        return SeeOther("/owner?requested=" + OwnerActions.RecoverKey);
    }

    /// <summary>
    /// Starts an ungrant of a grant one of the signed-in owner's CLAIMED agents gave, through <see cref="OwnerLinkIssuer"/>.
    /// An unknown grant id, one given by another owner's agent, or one this owner only received is the same 404
    /// <c>delegation.not_found</c>; a grant already revoked is 409 <c>delegation.already_revoked</c>.
    /// </summary>
    public static async Task<IResult> UngrantAsync(HttpContext context, string id, OwnerSessionCookie cookie, IRecordStore records,
        IDelegationStore grants, OwnerLinkIssuer issuer)
    {
        var (session, _) = await cookie.RequireForPostAsync(context);
        var grant = id.Length <= OwnerActions.MaxGrantIdLength ? await grants.FindAsync(id) : null;
        var record = grant is null ? null : await records.FindByHandleAsync(grant.Principal);
        if (grant is null || !OwnerConsoleStore.Owns(record, session.Email))
        {
            throw ApiProblem.NotFound(ProblemCodes.DelegationNotFound, "No delegation with this id was given by one of your agents.");
        }
        if (record!.Status != PassportStatus.Claimed) throw ApiProblem.Conflict(ProblemCodes.OwnerNotClaimed, "Only a CLAIMED record accepts owner actions.");
        grant = await OwnerActions.GivenGrantAsync(grants, record.Handle, grant.Id);
        await issuer.SendAsync(record, OwnerActions.Ungrant, null, grant.Actor, grant.Scope, context.RequestAborted, grant.Id);
        return SeeOther("/owner?requested=" + OwnerActions.Ungrant);
    }

    private static IReadOnlyList<string> ReadScope(string value)
    {
        var scope = value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scope.Length > DelegationService.MaxScopes || scope.Any(s => s.Length > DelegationService.MaxScopeLength || s.Any(char.IsControl)))
        {
            throw ApiProblem.BadRequest(ProblemCodes.InvalidScope,
                $"scope is at most {DelegationService.MaxScopes} space-separated values of at most {DelegationService.MaxScopeLength} characters.");
        }
        return scope;
    }

    private static string Explain(Redemption state) => state switch
    {
        Redemption.Expired => "This sign-in link has expired.",
        Redemption.Used => "This sign-in link has already been used.",
        _ => "This sign-in link is not known.",
    };

    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>The console pages' headers: never cached, no Referer, not framed, no script.</summary>
    internal static void NoStore(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    /// <summary>303 See Other: the browser follows a form POST with a GET (POST/redirect/GET).</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
