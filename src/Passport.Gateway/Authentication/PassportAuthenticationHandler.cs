using System.Diagnostics;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Passport.Gateway.Dpop;
using Passport.Gateway.Policies;
using Passport.Gateway.Refusals;
using Passport.Gateway.Replay;
using Passport.Gateway.Revocation;
using Passport.Gateway.Telemetry;
using Passport.Gateway.Tokens;

namespace Passport.Gateway.Authentication;

/// <summary>
/// The "Passport" authentication scheme. <see cref="HandleAuthenticateAsync"/> is the request path of docs/gateway.md:
/// credentials → token → proof → replay → status → principal. Challenges and 403s are written by <see cref="RefusalWriter"/>.
/// Nothing is logged on success; refusals are logged at Debug without the token or proof.
/// </summary>
internal sealed partial class PassportAuthenticationHandler(
    IOptionsMonitor<PassportAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenVerifier tokens,
    ProofVerifier proofs,
    IReplayStore replay,
    IRevocationCache revocations,
    DpopNonces nonces,
    RefusalWriter writer,
    GatewayMetrics metrics)
    : AuthenticationHandler<PassportAuthenticationOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return AuthenticateResult.NoResult();
        var started = Stopwatch.GetTimestamp();

        // 1. Credentials: one Authorization (DPoP or Bearer) and one DPoP header.
        var credentials = PassportCredentials.Read(Request);
        if (credentials.Refusal is not null) return Refuse(credentials.Refusal, started);

        // 2. Token: cache by SHA-256, else EdDSA signature with the JWKS key by kid, iss, aud.
        var token = await tokens.VerifyAsync(credentials.Token).ConfigureAwait(false);
        if (token.Refusal is not null) return Refuse(token.Refusal, started);
        var claims = token.Token!.Principal.Token;

        // 3. Proof: RFC 9449 §4.3, htu from the public origin, bound to cnf.jkt.
        var proof = proofs.Verify(Context, credentials.Proof!, token.Token.AccessToken, claims.Jkt);
        if (proof.Refusal is not null) return Refuse(proof.Refusal, started);

        // 4. Replay: (jkt, jti) recorded once, until the proof can no longer pass the iat check.
        var replayRefusal = await RecordAsync(proof.Result.Jkt!, proof.Result.Jti!, proof.Result.IssuedAt).ConfigureAwait(false);
        if (replayRefusal is not null) return Refuse(replayRefusal, started);

        // 5. Status: token status, revoked record or grant, rotated DID.
        var statusRefusal = RevocationCheck.Check(revocations, claims);
        if (statusRefusal is not null) return Refuse(statusRefusal, started);

        // 6. Principal: cached with the token.
        metrics.Verification(started);
        return AuthenticateResult.Success(token.Token.Ticket);
    }

    private async ValueTask<Refusal?> RecordAsync(string jkt, string jti, long issuedAt)
    {
        var ttl = TimeSpan.FromSeconds(issuedAt + (long)proofs.Window.TotalSeconds + 1 - TimeProvider.GetUtcNow().ToUnixTimeSeconds());
        if (ttl < TimeSpan.FromSeconds(1)) ttl = TimeSpan.FromSeconds(1);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await replay.TryRecordAsync(jkt, jti, ttl).ConfigureAwait(false) ? null : RefusalCatalog.Replayed;
        }
        catch (ReplayStoreUnavailableException e)
        {
            LogReplayUnavailable(Logger, e.Message);
            return RefusalCatalog.ReplayUnavailable;
        }
        finally
        {
            metrics.Replay(started, replay.Kind);
        }
    }

    private AuthenticateResult Refuse(Refusal refusal, long started)
    {
        metrics.Verification(started);
        metrics.Request(refusal.IsUnavailable ? "unavailable" : "refused", refusal.Reason);
        LogRefused(Logger, refusal.Status, refusal.Code);
        Context.Features.Set(new RefusalFeature(refusal));
        return AuthenticateResult.Fail(refusal.Code);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Features.Get<RefusalFeature>()?.Refusal ?? RefusalCatalog.CredentialsMissing;
        return writer.WriteAsync(Context, refusal, PassportCredentials.SchemeOf(Request), nonces.Enabled ? nonces.Current : null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Features.Get<RefusalFeature>()?.Refusal ?? RefusalCatalog.MissingScope("");
        if (refusal.Status != StatusCodes.Status403Forbidden) refusal = refusal with { Status = StatusCodes.Status403Forbidden };
        metrics.Request("refused", refusal.Reason);
        LogRefused(Logger, refusal.Status, refusal.Code);
        return writer.WriteAsync(Context, refusal, PassportCredentials.SchemeOf(Request), null);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Refused with {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Replay store unavailable ({Reason}); refusing with 503")]
    private static partial void LogReplayUnavailable(ILogger logger, string reason);
}
