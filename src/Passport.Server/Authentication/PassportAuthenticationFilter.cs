using Microsoft.Extensions.Options;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Dpop;
using Passport.Server.Problems;
using Passport.Server.Signing;
using Passport.Server.Storage;

namespace Passport.Server.Authentication;

/// <summary>
/// Authenticates every protected IdP endpoint (<c>/me</c>, <c>/api/delegations</c>, <c>/auth/token/exchange</c>) the way
/// seeds/004 §4.3 describes, plus the registry status: token (EdDSA, kid, iss, aud = the issuer) → DPoP proof
/// (htu = issuer + path, ath when present, jkt = cnf.jkt) → replay → record revoked (403) / DID rotated (401) →
/// delegation grant still active (403). Refusals carry <c>WWW-Authenticate</c> and a problem body.
/// </summary>
internal sealed partial class PassportAuthenticationFilter(ServerSigningKeys keys, IOptions<PassportServerOptions> options, RequestProof proofs,
    IRecordStore records, IDelegationStore delegations, ILogger<PassportAuthenticationFilter> logger) : IEndpointFilter
{
    private readonly PassportTokenValidator _tokens = new(
        new PassportTokenValidationOptions { Issuer = options.Value.IssuerOrigin, Audiences = [options.Value.IssuerOrigin] }, keys.Resolver);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var caller = await AuthenticateAsync(context);
        caller.Attach(context);
        return await next(invocation);
    }

    private async Task<PassportCaller> AuthenticateAsync(HttpContext context)
    {
        var (scheme, token) = ReadAuthorization(context);
        var claims = ValidateToken(scheme, token);
        var proof = proofs.Validate(context, context.Request.Path.Value ?? "/", token, claims.Jkt);
        if (!proof.Succeeded)
        {
            if (proof.Status == StatusCodes.Status503ServiceUnavailable) throw new ApiProblem(proof.Status, proof.Code, proof.Description);
            throw Refuse(scheme, 401, WwwAuthenticate.InvalidDpopProof, proof.Code, proof.Description);
        }
        if (claims.Status == PassportStatus.Revoked) throw Refuse(scheme, 403, WwwAuthenticate.InvalidToken, ProblemCodes.RecordRevoked, "The token was issued to a revoked record.");
        var subject = await CurrentRecordAsync(scheme, claims.Subject, claims.IsDelegation ? null : claims.Handle);
        PassportRecord? actor = null;
        DelegationGrant? grant = null;
        if (claims.Actor is not null)
        {
            actor = await CurrentRecordAsync(scheme, claims.Actor.Subject, claims.Actor.Handle);
            grant = claims.GrantId is null ? null : await delegations.FindAsync(claims.GrantId);
            if (grant is null || grant.Status != DelegationGrant.Active || grant.Principal != subject.Handle || grant.Actor != actor.Handle)
            {
                throw Refuse(scheme, 403, WwwAuthenticate.InvalidToken, ProblemCodes.DelegationGrantRevoked, "The delegation grant of this token is revoked or unknown.");
            }
        }
        return new PassportCaller(token, claims, subject, actor, grant);
    }

    private (string Scheme, string Token) ReadAuthorization(HttpContext context)
    {
        var values = context.Request.Headers.Authorization;
        if (values.Count == 0)
        {
            throw Refuse("Bearer", 401, null, "token.missing", "An access token and a DPoP proof are required (Authorization: DPoP <token> and DPoP: <proof>).");
        }
        var value = values.Count == 1 ? values[0] ?? "" : "";
        var space = value.IndexOf(' ');
        var scheme = space > 0 ? value[..space] : "";
        var token = space > 0 ? value[(space + 1)..].Trim() : "";
        if (scheme.Equals("DPoP", StringComparison.OrdinalIgnoreCase) && token.Length > 0) return ("DPoP", token);
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && token.Length > 0) return ("Bearer", token);
        throw Refuse("Bearer", 401, WwwAuthenticate.InvalidToken, "token.malformed", "The Authorization header must be exactly one 'Bearer <token>' or 'DPoP <token>'.");
    }

    private PassportTokenClaims ValidateToken(string scheme, string token)
    {
        var result = _tokens.Validate(token);
        if (result.Succeeded) return result.Claims!;
        LogTokenRefused(logger, result.Code);
        throw Refuse(scheme, 401, WwwAuthenticate.InvalidToken, result.Code, result.Description);
    }

    /// <summary>The record of <paramref name="did"/> if it is still current and not revoked; a rotated DID is 401, a revoked record 403.</summary>
    private async Task<PassportRecord> CurrentRecordAsync(string scheme, string did, string? handle)
    {
        var record = await records.FindByDidAsync(did);
        if (record is null)
        {
            var byHandle = handle is null ? null : await records.FindByHandleAsync(handle);
            throw byHandle is not null
                ? Refuse(scheme, 401, WwwAuthenticate.InvalidToken, ProblemCodes.RecordRotated, "The DID of this token was rotated away; get a new token with the new key.")
                : Refuse(scheme, 401, WwwAuthenticate.InvalidToken, ProblemCodes.RecordNotFound, "No Passport record has the DID of this token.");
        }
        if (record.Status == PassportStatus.Revoked)
        {
            throw Refuse(scheme, 403, WwwAuthenticate.InvalidToken, ProblemCodes.RecordRevoked, "The Passport record of this token is revoked.");
        }
        return record;
    }

    private ApiProblem Refuse(string scheme, int status, string? error, string code, string description) =>
        new(status, code, description, WwwAuthenticate.Build(scheme, options.Value.Url("/.well-known/oauth-protected-resource"), error, error is null ? null : description));

    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Access token refused: {Code}")]
    private static partial void LogTokenRefused(ILogger logger, string code);
}
