using Passport.Server.Approvals;
using Passport.Server.Http;
using Passport.Server.Owner;

namespace Passport.Server.OwnerConsole;

/// <summary>Services and routes of the owner console (docs/owner.md).</summary>
internal static class OwnerConsoleSetup
{
    public static IServiceCollection AddPassportOwnerConsole(this IServiceCollection services)
    {
        services.AddSingleton<OwnerConsoleStore>();
        services.AddSingleton<OwnerSessionCookie>();
        return services;
    }

    public static void MapOwnerConsole(this WebApplication app)
    {
        app.MapGet("/owner", OwnerConsoleEndpoints.IndexAsync);
        // Sign-in mails are owner mail: limited per client address like POST /auth/owner/request.
        app.MapPost("/owner/sign-in", OwnerConsoleEndpoints.SignInAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet("/owner/sign-in", OwnerConsoleEndpoints.SignInLinkAsync);
        app.MapPost("/owner/sign-in/confirm", OwnerConsoleEndpoints.ConfirmSignInAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet(ApprovalService.SignInPath, PassesSignInEndpoints.Page);
        app.MapPost(ApprovalService.SignInPath + "/request", PassesSignInEndpoints.RequestAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost(ApprovalService.SignInPath + "/complete", PassesSignInEndpoints.CompleteAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/sign-out", OwnerConsoleEndpoints.SignOutAsync);
        app.MapPost("/owner/agents/{handle}/revoke", (HttpContext c, string handle, OwnerSessionCookie s, Storage.IRecordStore r, OwnerLinkIssuer i) =>
            OwnerConsoleEndpoints.ActionAsync(c, handle, OwnerActions.Revoke, s, r, i)).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/agents/{handle}/rotate", (HttpContext c, string handle, OwnerSessionCookie s, Storage.IRecordStore r, OwnerLinkIssuer i) =>
            OwnerConsoleEndpoints.ActionAsync(c, handle, OwnerActions.Rotate, s, r, i)).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/agents/{handle}/delegate", (HttpContext c, string handle, OwnerSessionCookie s, Storage.IRecordStore r, OwnerLinkIssuer i) =>
            OwnerConsoleEndpoints.ActionAsync(c, handle, OwnerActions.Delegate, s, r, i)).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/agents/{handle}/recover-key", OwnerConsoleEndpoints.RecoverKeyAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/grants/{id}/revoke", OwnerConsoleEndpoints.UngrantAsync).RequireRateLimiting(RateLimits.PerIp);
    }
}
