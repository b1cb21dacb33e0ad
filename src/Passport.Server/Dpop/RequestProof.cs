using Microsoft.Extensions.Options;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Replay;
using Passport.Core.Dpop;
using Passport.Core.Protocol;
using Passport.Server.Configuration;

namespace Passport.Server.Dpop;

/// <summary>
/// The DPoP proof of <c>POST /auth/token</c> (the authorization-server side, RFC 9449 §5: refusals are 400): the request's
/// single <c>DPoP</c> header checked with Core's <see cref="DpopProofValidator"/> against htu = <c>{Issuer}{path}</c> (never the
/// Host header), then its jti recorded in the same <see cref="IReplayStore"/> as the Passport scheme (replay last, so only
/// valid proofs count). Codes are the catalogue's (<see cref="RefusalCatalog"/>). Protected endpoints use the Passport scheme.
/// </summary>
internal sealed class RequestProof(IOptions<PassportServerOptions> options, TimeProvider time, IReplayStore replay)
{
    private readonly DpopProofValidator _validator = new(
        new DpopProofValidationOptions { IssuedAtWindow = TimeSpan.FromSeconds(options.Value.ProofWindowSeconds) }, time);

    /// <summary>The outcome: success with the proof's jkt, or a stable code and client-safe description.</summary>
    public readonly record struct Check(bool Succeeded, string? Jkt, string Code, string Description, int Status);

    public async ValueTask<Check> ValidateAsync(HttpContext context, string path, string? accessToken, string? expectedJkt)
    {
        var headers = context.Request.Headers[DpopConstants.HeaderName];
        if (headers.Count == 0) return Fail(RefusalCatalog.ForProof(DpopErrorCode.Missing));
        if (headers.Count > 1 || headers[0]!.Contains(',')) return Fail(RefusalCatalog.DpopDuplicated);
        var uri = options.Value.Url(path);
        var result = _validator.Validate(new DpopProofContext(headers[0], context.Request.Method, uri, accessToken, expectedJkt));
        if (!result.Succeeded) return Fail(RefusalCatalog.ForProof(result.Error));
        try
        {
            var ttl = ReplayWindow.TimeToLive(result.IssuedAt, _validator.Options.IssuedAtWindow, time.GetUtcNow());
            if (ReplayWindow.IsBeforeFloor(result.IssuedAt, await replay.GetEpochAsync(), _validator.Options.IssuedAtWindow)) return Fail(RefusalCatalog.BeforeReplayFloor);
            return await replay.TryRecordAsync(result.Jkt!, result.Jti!, ttl) ? new Check(true, result.Jkt, "dpop.valid", "", 200) : Fail(RefusalCatalog.Replayed);
        }
        catch (ReplayStoreUnavailableException)
        {
            return Fail(RefusalCatalog.ReplayUnavailable);
        }
    }

    // 400 at the token endpoint, except the store's 503.
    private static Check Fail(Refusal refusal) => new(false, null, refusal.Code, refusal.Detail, refusal.IsUnavailable ? 503 : 400);
}
