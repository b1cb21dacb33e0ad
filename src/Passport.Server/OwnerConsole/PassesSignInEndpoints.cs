using System.Buffers.Text;
using Microsoft.Extensions.Options;
using Passport.Server.Approvals;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Registration;

namespace Passport.Server.OwnerConsole;

/// <summary>
/// Console sign-in with the owner's Pass Provider (docs/owner.md "Sign-in"): <c>GET /owner/sign-in/passes[?email=]</c>
/// (the address form, then the Passes page), <c>POST /owner/sign-in/passes/request {email}</c> (an
/// <c>org.passport.owner-sign-in</c> request) and <c>POST /owner/sign-in/passes/complete {email, result}</c> (the bound
/// key's signed result; starts the same session as the mailed link's confirm).
/// </summary>
internal static class PassesSignInEndpoints
{
    /// <summary>Without <c>email</c>: a form asking for it (GET to this page); with it: the Passes page, whose script signs in.</summary>
    public static IResult Page(HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Request.Query["email"].ToString()))
        {
            OwnerConsoleEndpoints.NoStore(context);
            return Results.Content(OwnerConsolePage.PassesSignInForm(), "text/html; charset=utf-8");
        }
        OwnerPassesPage.SetSecurityHeaders(context.Response);
        return Results.Content(OwnerPassesPage.SignIn, "text/html; charset=utf-8");
    }

    /// <summary>200 <c>{topic, request, providerUrl, summary:{action, email, expiresAt}}</c> for any address (no oracle).</summary>
    public static async Task<IResult> RequestAsync(HttpContext context, ApprovalService approvals, IOptions<PassesApprovalOptions> options)
    {
        RequireSameOrigin(context, approvals);
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var email = JsonFields.Required(body.RootElement, "email", RegistrationEndpoint.MaxEmailLength).Trim();
        var (request, issued) = await approvals.StartSignInAsync(email);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new
        {
            topic = ApprovalTopics.OwnerSignIn,
            request = Base64Url.EncodeToString(request),
            providerUrl = options.Value.ProviderUrl,
            summary = new { issued.Action, issued.Email, issued.ExpiresAt },
        }, ServerJson.Options);
    }

    /// <summary>
    /// 200 <c>{status:"signed-in", action:"sign-in", location:"/owner"}</c> with the session cookie, or
    /// <c>{status:"rejected"}</c> when the owner rejected in their provider; 403 <c>owner_signin.refused</c> for every
    /// refused signature, address or request (also an address without a CLAIMED agent); 403 <c>owner_signin.cross_origin</c>.
    /// </summary>
    public static async Task<IResult> CompleteAsync(HttpContext context, ApprovalService approvals, OwnerConsoleStore store, OwnerSessionCookie cookie)
    {
        RequireSameOrigin(context, approvals);
        using var body = await JsonBody.ReadObjectAsync(context.Request);
        var email = JsonFields.Required(body.RootElement, "email", RegistrationEndpoint.MaxEmailLength).Trim();
        var resultText = JsonFields.Required(body.RootElement, "result", ApprovalEndpoints.MaxResultChars);
        byte[] result;
        try
        {
            result = Base64Url.DecodeFromChars(resultText);
        }
        catch (FormatException)
        {
            throw ApiProblem.BadRequest(ApprovalProblemCodes.InvalidResult, "The field 'result' must be the result envelope bytes in base64url.");
        }
        context.Response.Headers.CacheControl = "no-store";
        if (!await approvals.CompleteSignInAsync(email, result))
        {
            return Results.Json(new { status = "rejected", action = ApprovalTopics.SignInAction }, ServerJson.Options);
        }
        // The link sign-in needs a CLAIMED agent too; the session is for the stored spelling of the address.
        var owner = await store.FindOwnerAddressAsync(email) ?? throw ApprovalService.SignInRefused();
        await cookie.SignInAsync(context, owner);
        return Results.Json(new { status = "signed-in", action = ApprovalTopics.SignInAction, location = "/owner" }, ServerJson.Options);
    }

    /// <summary>
    /// A cross-site page cannot post JSON here without a CORS preflight (which nothing answers), and the cookie is
    /// SameSite=Strict; still, a browser's POST always names its origin, so another origin is refused outright.
    /// Clients that send no <c>Origin</c> (not browsers) are let through.
    /// </summary>
    private static void RequireSameOrigin(HttpContext context, ApprovalService approvals)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, approvals.Origin, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblem.Forbidden(ProblemCodes.OwnerSignInCrossOrigin, "Sign-in requests are accepted from the identity provider's own pages only.");
        }
    }
}
