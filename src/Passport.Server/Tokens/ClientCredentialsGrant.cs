using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Passport.AspNetCore.Refusals;
using Passport.AspNetCore.Replay;
using Passport.Core.Protocol;
using Passport.Core.Tokens;
using Passport.Server.Configuration;
using Passport.Server.Dpop;
using Passport.Server.Http;
using Passport.Server.Problems;
using Passport.Server.Storage;

namespace Passport.Server.Tokens;

/// <summary>
/// The OAuth form of <c>POST /auth/token</c> (<c>application/x-www-form-urlencoded</c>, as every stock client posts,
/// RFC 6749 §4.4): <c>grant_type=client_credentials</c> with <c>private_key_jwt</c> client authentication (RFC 7523 §2.2)
/// by the agent's key, the agent's DID as <c>client_id</c>, plus a DPoP proof (RFC 9449 §5) by the same key. The token
/// is the self token of the challenge flow (same claims, <c>cnf.jkt</c> = the key), for <c>resource</c> (RFC 8707) or
/// the issuer. Refusals: 401 <c>invalid_client</c> (assertion, unknown or revoked client), 400 <c>invalid_dpop_proof</c>
/// codes of the catalogue (proof missing, invalid, or by another key), 400 <c>unsupported_grant_type</c>,
/// <c>invalid_request</c>, <c>invalid_scope</c>, <c>invalid_target</c>; each with an <c>error</c> member for OAuth clients.
/// </summary>
internal static partial class ClientCredentialsGrant
{
    /// <summary>True when the request body is form-encoded: the OAuth form of the token endpoint.</summary>
    public static bool IsFormRequest(HttpRequest request) => request.HasFormContentType;

    public static async Task<IResult> HandleAsync(HttpContext context, IRecordStore records, RequestProof proofs, IReplayStore replay,
        AudiencePolicy audiences, TokenMinter minter, DidRateLimits didLimits, IOptions<PassportServerOptions> options, TimeProvider time,
        ILogger<TokenMinter> logger)
    {
        if (context.Request.ContentLength > JsonBody.MaxBytes)
        {
            throw new ApiProblem(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "The request body is larger than the 64 KB allowed.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = Single(form, "grant_type", required: true)!;
        if (grantType != OAuthGrants.ClientCredentials)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, ProblemCodes.UnsupportedGrantType,
                "The form-encoded token endpoint supports grant_type=client_credentials; the challenge flow posts JSON.")
            { OAuthError = OAuthErrors.UnsupportedGrantType };
        }
        if (Single(form, "client_assertion_type", required: false) != OAuthGrants.JwtBearerAssertionType)
        {
            throw ClientAssertion.Refuse($"Authenticate with private_key_jwt: client_assertion_type={OAuthGrants.JwtBearerAssertionType} and client_assertion.");
        }
        var assertionText = Single(form, "client_assertion", required: false) ?? throw ClientAssertion.Refuse("client_assertion is missing.");
        var clientId = Single(form, "client_id", required: false);
        if (!string.IsNullOrEmpty(Single(form, "scope", required: false)))
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, ProblemCodes.InvalidScope,
                "An agent's own token carries no scope; scopes come with delegation (POST /auth/token/exchange).")
            { OAuthError = OAuthErrors.InvalidScope };
        }
        var audience = ResolveResource(audiences, form);

        var o = options.Value;
        var now = time.GetUtcNow();
        var assertion = ClientAssertion.Verify(assertionText, clientId, [o.IssuerOrigin, o.Url(TokenEndpoint.Path)], now);
        var did = assertion.Client;
        didLimits.Enforce(context, "token", did.Value);

        var record = await records.FindByDidAsync(did.Value) ?? throw ClientAssertion.Refuse("No Passport record has this client_id; register the DID first.");
        if (record.Status == PassportStatus.Revoked) throw ClientAssertion.Refuse("The Passport record of this client_id is revoked.");

        var proof = await proofs.ValidateAsync(context, TokenEndpoint.Path, accessToken: null, expectedJkt: did.Thumbprint);
        if (!proof.Succeeded) throw new ApiProblem(proof.Status, proof.Code, proof.Description) { OAuthError = proof.Status == 400 ? OAuthErrors.InvalidDpopProof : null };

        // Single use (RFC 7523 §3 item 7): the jti is kept until the assertion expires, in the replay store the proofs use,
        // under its own namespace so that an assertion jti never collides with a proof jti of the same key.
        var ttl = TimeSpan.FromSeconds(Math.Max(1, assertion.ExpiresAt - now.ToUnixTimeSeconds())) + ClientAssertion.ClockSkew;
        bool first;
        try
        {
            first = await replay.TryRecordAsync("client_assertion:" + did.Thumbprint, assertion.Jti, ttl);
        }
        catch (ReplayStoreUnavailableException)
        {
            throw new ApiProblem(StatusCodes.Status503ServiceUnavailable, RefusalCatalog.ReplayUnavailable.Code, RefusalCatalog.ReplayUnavailable.Detail);
        }
        if (!first) throw ClientAssertion.Refuse("This client_assertion has already been used; assertions are single-use (jti).");

        var token = minter.IssueSelf(record, did.Thumbprint, audience);
        LogIssued(logger, record.Handle, audience);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Results.Json(new { access_token = token, token_type = DpopConstants.TokenType });
    }

    private static string ResolveResource(AudiencePolicy audiences, IFormCollection form)
    {
        var resources = form["resource"];
        if (resources.Count > 1)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, ProblemCodes.InvalidTarget, "Request one resource per token.") { OAuthError = OAuthErrors.InvalidTarget };
        }
        try
        {
            return audiences.Resolve(resources.Count == 1 ? resources[0] : null);
        }
        catch (ApiProblem problem) when (problem.Code == ProblemCodes.InvalidTarget)
        {
            throw new ApiProblem(problem.Status, problem.Code, problem.Message) { OAuthError = OAuthErrors.InvalidTarget };
        }
    }

    // RFC 6749 §3.2: parameters must not be repeated; a missing required one is invalid_request.
    private static string? Single(IFormCollection form, string name, bool required)
    {
        var values = form.TryGetValue(name, out var v) ? v : StringValues.Empty;
        if (values.Count > 1) throw InvalidRequest($"{name} is repeated.");
        var value = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(value)) return required ? throw InvalidRequest($"{name} is missing.") : null;
        if (value.Length > ClientAssertion.MaxLength) throw InvalidRequest($"{name} is too long.");
        return value;
    }

    private static ApiProblem InvalidRequest(string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemCodes.InvalidTokenRequest, detail) { OAuthError = OAuthErrors.InvalidRequest };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Issued a client_credentials token for {Handle} to audience {Audience}")]
    private static partial void LogIssued(ILogger logger, string handle, string audience);
}
