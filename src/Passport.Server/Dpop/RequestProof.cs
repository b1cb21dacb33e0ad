using Microsoft.Extensions.Options;
using Passport.Core.Dpop;
using Passport.Server.Configuration;
using Passport.Server.Problems;

namespace Passport.Server.Dpop;

/// <summary>
/// Checks the request's single <c>DPoP</c> header with Core's <see cref="DpopProofValidator"/> against
/// htu = <c>{Issuer}{path}</c> (never the Host header), then records its jti (replay last, so only valid proofs count).
/// </summary>
internal sealed class RequestProof(IOptions<PassportServerOptions> options, TimeProvider time, ProofReplayCache replay)
{
    private readonly DpopProofValidator _validator = new(
        new DpopProofValidationOptions { IssuedAtWindow = TimeSpan.FromSeconds(options.Value.ProofWindowSeconds) }, time);

    /// <summary>The outcome: success with the proof's jkt, or a stable code and client-safe description.</summary>
    public readonly record struct Check(bool Succeeded, string? Jkt, string Code, string Description, int Status);

    public Check Validate(HttpContext context, string path, string? accessToken, string? expectedJkt)
    {
        var headers = context.Request.Headers["DPoP"];
        if (headers.Count == 0) return Fail(DpopErrorCode.Missing);
        if (headers.Count > 1) return new Check(false, null, "dpop.multiple", "Exactly one DPoP header is allowed.", 400);
        var uri = options.Value.Url(path);
        var result = _validator.Validate(new DpopProofContext(headers[0], context.Request.Method, uri, accessToken, expectedJkt));
        if (!result.Succeeded) return new Check(false, null, result.Code, result.Description, 400);
        return replay.TryRecord(result.Jkt!, result.Jti!, result.IssuedAt, _validator.Options.IssuedAtWindow) switch
        {
            ProofReplayCache.Outcome.Accepted => new Check(true, result.Jkt, "dpop.valid", "", 200),
            ProofReplayCache.Outcome.Replayed => new Check(false, null, ProblemCodes.DpopReplayed, "This DPoP proof was already used; create a fresh proof (new jti) per request.", 400),
            _ => new Check(false, null, "dpop.replay_store_full", "The server cannot record more proofs right now; retry shortly.", 503),
        };
    }

    private static Check Fail(DpopErrorCode error) => new(false, null, DpopErrors.Code(error), DpopErrors.Describe(error), 400);
}
