using Microsoft.Extensions.Options;
using Passport.Server.Http;

namespace Passport.Server.Approvals;

/// <summary>Services and routes of owner approvals through Passes (docs/passes-topics.md).</summary>
internal static class ApprovalsSetup
{
    public static IServiceCollection AddPassportApprovals(this IServiceCollection services)
    {
        services.AddOptions<PassesApprovalOptions>().BindConfiguration(PassesApprovalOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PassesApprovalOptions>, PassesApprovalOptionsValidator>();
        services.AddSingleton<IApprovalStore, SqlApprovalStore>();
        services.AddSingleton<IKeyRecoveryStore, SqlKeyRecoveryStore>();
        services.AddSingleton<RotationProof>();
        services.AddSingleton<ApprovalService>();
        return services;
    }

    public static void MapPassportApprovals(this WebApplication app)
    {
        app.MapGet("/passes/{file}", PassesStaticFiles.Get);
        app.MapGet("/owner/passes", ApprovalEndpoints.Page);
        app.MapGet(OwnerTopicProviderPage.Path, OwnerTopicProviderPage.Get);
        app.MapPost("/owner/passes/request", ApprovalEndpoints.RequestAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/owner/passes/complete", ApprovalEndpoints.CompleteAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet(ApprovalService.VetoPath, ApprovalEndpoints.VetoPage);
        app.MapPost(ApprovalService.VetoPath + "/request", ApprovalEndpoints.VetoRequestAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost(ApprovalService.VetoPath + "/complete", ApprovalEndpoints.VetoCompleteAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapGet("/claim/passes", ApprovalEndpoints.ClaimPage);
        app.MapPost("/claim/passes/request", ApprovalEndpoints.ClaimRequestAsync).RequireRateLimiting(RateLimits.PerIp);
        app.MapPost("/claim/passes/complete", ApprovalEndpoints.ClaimCompleteAsync).RequireRateLimiting(RateLimits.PerIp);
    }
}
