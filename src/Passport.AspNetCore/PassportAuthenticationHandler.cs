using System.Diagnostics;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Passport.AspNetCore.Credentials;
using Passport.AspNetCore.Dpop;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Replay;
using Passport.AspNetCore.Resources;
using Passport.AspNetCore.Status;
using Passport.AspNetCore.Tokens;
using Passport.Core.Dpop;
using Passport.Core.Tokens;

namespace Passport.AspNetCore;

/// <summary>
/// The "Passport" authentication scheme, the one verifier of the gateway, the IdP and in-app APIs.
/// <see cref="HandleAuthenticateAsync"/> is the request path of docs/architecture.md:
/// credentials → token → proof → status → replay (last) → principal. The replay record comes last so that only a proof
/// that passed every other check consumes replay-store space. Challenges and 403s are written by <see cref="RefusalWriter"/>.
/// Nothing is logged on success; refusals are logged at Debug without the token or proof.
/// </summary>
public sealed partial class PassportAuthenticationHandler(
    IOptionsMonitor<PassportAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IPassportTokenVerifier tokens,
    IPassportStatusSource status,
    IReplayStore replay,
    IDpopNoncePolicy nonces,
    IPassportAuthenticationMetrics metrics,
    IPassportResourceResolver? resources = null)
    : AuthenticationHandler<PassportAuthenticationOptions>(options, loggerFactory, encoder)
{
    private PassportSchemeState State => Options.State ??= new PassportSchemeState(Options, TimeProvider);

    /// <summary>The events of the scheme.</summary>
    private new PassportAuthenticationEvents Events => (PassportAuthenticationEvents)base.Events!;

    /// <inheritdoc />
    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new PassportAuthenticationEvents());

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return AuthenticateResult.NoResult();
        var started = Stopwatch.GetTimestamp();

        // 1. Credentials: one Authorization (DPoP or Bearer) and one DPoP header.
        var credentials = PassportCredentials.Read(Request);
        if (credentials.Refusal is not null) return await RefuseAsync(credentials.Refusal, started).ConfigureAwait(false);

        // 2. Token: EdDSA signature with the issuer's key by kid, iss, aud (hosts may cache verified tokens).
        var token = await tokens.VerifyAsync(credentials.Token, Options, Scheme.Name).ConfigureAwait(false);
        if (token.Refusal is not null) return await RefuseAsync(token.Refusal, started).ConfigureAwait(false);
        var principal = (PassportPrincipal)token.Ticket!.Principal;
        var claims = principal.Token;

        // 2b. Audience per resource (RFC 8707): with several resources on one host, a token for one is not valid at another;
        // the configured audiences (the origin) stay valid everywhere.
        if (resources is not null && !Options.Audiences.Contains(claims.Audience)
            && !string.Equals(resources.Resolve(Context)?.Resource, claims.Audience, StringComparison.Ordinal))
        {
            return await RefuseAsync(RefusalCatalog.ForToken(TokenErrorCode.InvalidAudience), started).ConfigureAwait(false);
        }

        // 3. Proof: RFC 9449 §4.3, htu from the public origin, bound to cnf.jkt, nonce when the policy wants one.
        var proof = VerifyProof(credentials.Proof!, token.AccessToken!, claims.Jkt, out var proofRefusal);
        if (proofRefusal is not null) return await RefuseAsync(proofRefusal, started).ConfigureAwait(false);

        // 4. Status: token status, revoked record or grant, rotated DID (the host's source).
        var statusRefusal = await status.CheckAsync(Context, claims).ConfigureAwait(false);
        if (statusRefusal is not null) return await RefuseAsync(statusRefusal, started).ConfigureAwait(false);

        // 5. Replay, last: (jkt, jti) recorded once, until the proof can no longer pass the iat check.
        var replayRefusal = await RecordAsync(proof.Jkt!, proof.Jti!, proof.IssuedAt).ConfigureAwait(false);
        if (replayRefusal is not null) return await RefuseAsync(replayRefusal, started).ConfigureAwait(false);

        // 6. Principal: the verifier's ticket (cached with the token by hosts that cache).
        if (Events.OnTokenValidated is not null || Events.GetType() != typeof(PassportAuthenticationEvents))
        {
            var validated = new PassportTokenValidatedContext(Context, Scheme, Options, principal);
            await Events.TokenValidated(validated).ConfigureAwait(false);
            if (validated.Refusal is not null) return await RefuseAsync(validated.Refusal, started).ConfigureAwait(false);
        }
        metrics.Authenticated(started);
        return AuthenticateResult.Success(token.Ticket);
    }

    private DpopProofResult VerifyProof(string proof, string accessToken, string expectedJkt, out Refusal? refusal)
    {
        var state = State;
        // An empty jkt is a gateway foreign token its issuer's entry allows unbound (RequireDpop false): the proof binds to no key.
        var result = state.Proofs.Validate(new DpopProofContext(proof, Request.Method, state.Uri.For(Context), accessToken, expectedJkt.Length == 0 ? null : expectedJkt));
        refusal = !result.Succeeded ? RefusalCatalog.ForProof(result.Error)
            : nonces.Enabled && !nonces.IsAcceptable(result.Nonce) ? RefusalCatalog.ForProof(DpopErrorCode.NonceRequired)
            : null;
        return result;
    }

    private async ValueTask<Refusal?> RecordAsync(string jkt, string jti, long issuedAt)
    {
        var ttl = ReplayWindow.TimeToLive(issuedAt, State.Window, TimeProvider.GetUtcNow());
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Below the floor the store may have forgotten this proof: refuse it rather than record it as new.
            if (ReplayWindow.IsBeforeFloor(issuedAt, await replay.GetEpochAsync().ConfigureAwait(false), State.Window)) return RefusalCatalog.BeforeReplayFloor;
            return await replay.TryRecordAsync(jkt, jti, ttl).ConfigureAwait(false) ? null : RefusalCatalog.Replayed;
        }
        catch (ReplayStoreUnavailableException e)
        {
            LogReplayUnavailable(Logger, e.Message);
            return RefusalCatalog.ReplayUnavailable;
        }
        finally
        {
            metrics.ReplayChecked(replay.Kind, started);
        }
    }

    private async Task<AuthenticateResult> RefuseAsync(Refusal refusal, long started)
    {
        metrics.Refused(refusal, started);
        LogRefused(Logger, refusal.Status, refusal.Code);
        Context.Features.Set(new RefusalFeature(refusal));
        if (Events.OnRefused is not null || Events.GetType() != typeof(PassportAuthenticationEvents))
        {
            await Events.Refused(new PassportRefusedContext(Context, Scheme, Options, refusal)).ConfigureAwait(false);
        }
        return AuthenticateResult.Fail(refusal.Code);
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Features.Get<RefusalFeature>()?.Refusal ?? RefusalCatalog.CredentialsMissing;
        return State.Writer.WriteAsync(Context, refusal, PassportCredentials.SchemeOf(Request), nonces.Enabled ? nonces.Current : null, resources?.Resolve(Context));
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Features.Get<RefusalFeature>()?.Refusal ?? RefusalCatalog.MissingScope("");
        if (refusal.Status != StatusCodes.Status403Forbidden) refusal = refusal with { Status = StatusCodes.Status403Forbidden };
        metrics.Refused(refusal, 0);
        LogRefused(Logger, refusal.Status, refusal.Code);
        return State.Writer.WriteAsync(Context, refusal, PassportCredentials.SchemeOf(Request), null, resources?.Resolve(Context));
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Refused with {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Replay store unavailable ({Reason}); refusing with 503")]
    private static partial void LogReplayUnavailable(ILogger logger, string reason);
}
