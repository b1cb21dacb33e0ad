using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Passport.Server.Configuration;
using Passport.Server.Problems;
using Passport.Server.Secrets;

namespace Passport.Server.OwnerConsole;

/// <summary>
/// The one session cookie of the console: <c>HttpOnly</c>, <c>Secure</c> outside Development, <c>SameSite=Strict</c>,
/// <c>Path=/owner</c>. Its value is a random secret whose SHA-256 keys the server-side session row, so sign-out and
/// revocation end it at once; idle and absolute expiry are enforced on the server, not by the cookie.
/// </summary>
internal sealed class OwnerSessionCookie(OwnerConsoleStore store, IOptions<PassportServerOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string Name = "passport_owner";
    public const string Path = "/owner";
    public const string CsrfField = "csrf";

    private OwnerConsoleOptions Console => options.Value.OwnerConsole;

    /// <summary>Starts a session for <paramref name="email"/> and sets the cookie.</summary>
    public async Task SignInAsync(HttpContext context, string email)
    {
        var (secret, hash) = SingleUseSecret.Create();
        var (csrf, _) = SingleUseSecret.Create();
        await store.CreateSessionAsync(hash, email, csrf, time.GetUtcNow());
        context.Response.Cookies.Append(Name, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = !environment.IsDevelopment(),
            SameSite = SameSiteMode.Strict,
            Path = Path,
            // A session cookie for the browser; the server ends the session after the absolute lifetime anyway.
            MaxAge = TimeSpan.FromHours(Console.AbsoluteLifetimeHours),
        });
    }

    /// <summary>The live session of the request, sliding its idle expiry; null when there is none.</summary>
    public async Task<OwnerSession?> CurrentAsync(HttpContext context)
    {
        var secret = context.Request.Cookies[Name];
        if (string.IsNullOrEmpty(secret) || secret.Length > SingleUseSecret.MaxTokenLength) return null;
        return await store.TouchSessionAsync(SingleUseSecret.Hash(secret), time.GetUtcNow(),
            TimeSpan.FromMinutes(Console.IdleTimeoutMinutes), TimeSpan.FromHours(Console.AbsoluteLifetimeHours));
    }

    /// <summary>
    /// The session of a state-changing form POST: refused 403 <c>owner_session.required</c> without one and 403
    /// <c>owner_session.csrf_invalid</c> when the form's <c>csrf</c> field is not the session's synchronizer token.
    /// </summary>
    public async Task<(OwnerSession Session, IFormCollection Form)> RequireForPostAsync(HttpContext context)
    {
        var form = await OwnerForms.ReadAsync(context);
        var session = await CurrentAsync(context)
            ?? throw ApiProblem.Forbidden(ProblemCodes.OwnerSessionRequired, "Sign in to the owner console first (/owner).");
        var sent = form[CsrfField].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(session.Csrf)))
        {
            throw ApiProblem.Forbidden(ProblemCodes.OwnerCsrfInvalid, "The form's CSRF token is missing or not the one of this session; reload /owner and retry.");
        }
        return (session, form);
    }

    public async Task SignOutAsync(HttpContext context, OwnerSession session)
    {
        await store.RevokeSessionAsync(session.Hash, time.GetUtcNow());
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = Path, HttpOnly = true, Secure = !environment.IsDevelopment(), SameSite = SameSiteMode.Strict });
    }
}
